// Failed authentication is rate limited per client on the bearer APIs (429 with Retry-After), never on the
// callback route (VOD must not be locked out); security headers come from helmet.
import request from "supertest";
import { createApp } from "../../src/http/create-app.js";
import { createAuthFailureLimiter } from "../../src/http/auth-failure-limiter.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const appWithLimit = (maxFailures: number) =>
  createApp({
    prisma: db.prisma, logger: silentLogger, callbackAuth: { tokens: ["cb"], signKeys: [] }, tokens: { api: ["api"], admin: ["adm"] },
    authFailureLimiter: createAuthFailureLimiter({ maxFailures, windowMs: 60_000 }),
  });

test("answers 429 with Retry-After once a client failed too often, even with a valid token then", async () => {
  const app = appWithLimit(3);
  for (let i = 0; i < 3; i += 1) expect((await request(app).get("/v1/uploads").set("Authorization", "Bearer guess")).status).toBe(401);
  const limited = await request(app).get("/v1/uploads").set("Authorization", "Bearer api");
  expect([limited.status, limited.body.error.code]).toEqual([429, "rate_limited"]);
  expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
});

test("never blocks the callback route: VOD keeps delivering after failures from its address", async () => {
  const app = appWithLimit(2);
  for (let i = 0; i < 5; i += 1) expect((await request(app).post("/callbacks/vod?token=bad").send(v3NewFileUpload())).status).toBe(401);
  expect((await request(app).post("/callbacks/vod?token=cb").send(v3NewFileUpload())).status).toBe(200);
});

test("a valid token of the wrong kind (403) does not count as a failure", async () => {
  const app = appWithLimit(2);
  for (let i = 0; i < 4; i += 1) expect((await request(app).get("/admin/stats").set("Authorization", "Bearer api")).status).toBe(403);
  expect((await request(app).get("/admin/stats").set("Authorization", "Bearer adm")).status).toBe(200);
});

test("sends helmet's security headers", async () => {
  const response = await request(appWithLimit(30)).get("/healthz");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["strict-transport-security"]).toBeDefined();
  expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
});
