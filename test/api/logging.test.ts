// One JSON log line per request with a request id — and no secret ever reaches the log: not the callback token
// in the URL, not a bearer token, not a wrong one someone tried.
import { Writable } from "node:stream";
import request from "supertest";
import { createApp } from "../../src/http/create-app.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

test("logs each request once with its id, and never a token", async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const secrets = {
    callback: "cb-SECRET-1a2b3c",
    api: "api-SECRET-4d5e6f",
    admin: "adm-SECRET-7a8b9c",
    wrong: "wrong-SECRET-000",
  };
  const app = createApp({
    db,
    logger: createLogger({ level: "debug", destination }),
    callbackAuth: { tokens: [secrets.callback], signKeys: [] },
    tokens: { api: [secrets.api], admin: [secrets.admin] },
  });
  await request(app).post(`/callbacks/vod?token=${secrets.callback}`).send(v3NewFileUpload()).expect(200);
  await request(app).post(`/callbacks/vod?token=${secrets.wrong}`).send(v3NewFileUpload()).expect(401);
  await request(app).get("/v1/uploads").set("Authorization", `Bearer ${secrets.api}`).expect(200);
  await request(app).get("/v1/uploads").set("Authorization", `Bearer ${secrets.wrong}`).expect(401);
  await request(app)
    .get("/admin/stats")
    .set("Authorization", `Bearer ${secrets.admin}`)
    .set("X-Request-Id", "req-42")
    .expect(200);
  await new Promise((resolve) => setImmediate(resolve));

  const log = lines.join("\n");
  for (const secret of Object.values(secrets)) expect(log).not.toContain(secret);
  const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request");
  expect(requests).toHaveLength(5);
  expect(requests[4]).toMatchObject({
    reqId: "req-42",
    method: "GET",
    path: "/admin/stats",
    status: 200,
    ms: expect.any(Number),
  });
  expect(requests.every((entry) => typeof entry.reqId === "string" && entry.reqId.length > 0)).toBe(true);
});
