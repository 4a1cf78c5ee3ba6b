// Each parser refuses a body over its own limit, and the 413 names that limit: callbacks take up to 1 MiB (VOD's
// events with many task results), the JSON APIs under /v1 and /admin 100 KiB.
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const jsonOfSize = (bytes: number) => JSON.stringify({ padding: "x".repeat(bytes) });

test("a /v1 request over 100 KiB answers 413 payload_too_large naming the 100 KiB limit", async () => {
  const response = await request(t.app)
    .post("/v1/uploads")
    .set("authorization", `Bearer ${t.apiToken}`)
    .set("content-type", "application/json")
    .send(jsonOfSize(200 * 1024));
  expect([response.status, response.body.error.code, response.body.error.details]).toEqual([
    413,
    "payload_too_large",
    { limitBytes: 100 * 1024 },
  ]);
});

test("an /admin request over 100 KiB answers 413 payload_too_large naming the 100 KiB limit", async () => {
  const response = await request(t.app)
    .post("/admin/events/1/replay")
    .set("authorization", `Bearer ${t.adminToken}`)
    .set("content-type", "application/json")
    .send(jsonOfSize(200 * 1024));
  expect([response.status, response.body.error.code, response.body.error.details]).toEqual([
    413,
    "payload_too_large",
    { limitBytes: 100 * 1024 },
  ]);
});

test("a callback over 1 MiB answers 413 payload_too_large naming the 1 MiB limit", async () => {
  const response = await request(t.app)
    .post(t.callbackPath)
    .set("content-type", "application/json")
    .send(jsonOfSize(1024 * 1024 + 1));
  expect([response.status, response.body.error.code, response.body.error.details]).toEqual([
    413,
    "payload_too_large",
    { limitBytes: 1024 * 1024 },
  ]);
});
