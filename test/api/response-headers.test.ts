// What every answer carries whatever route answers it: helmet's security headers (worked out once at start-up,
// helmet-headers.ts) and X-Request-Id; and the request log line, written at info level and below only.
import { Writable } from "node:stream";
import express from "express";
import helmet from "helmet";
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

const TOKEN = "cb-headers-test";

function appLoggingAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = createApp({
    db,
    logger: createLogger({ level, destination }),
    callbackAuth: { tokens: [TOKEN], signKeys: [] },
    tokens: { api: ["api-headers-test"], admin: ["adm-headers-test"] },
  });
  return { app, requestLines: () => lines.filter((line) => line.msg === "request") };
}

/** The headers helmet itself sets with its defaults, read from an app that runs helmet() as is. */
async function helmetsOwnHeaders(): Promise<Record<string, unknown>> {
  const reference = express()
    .use(helmet())
    .get("/", (_req, res) => void res.send("ok"));
  const { headers } = await request(reference).get("/");
  const ordinary = new Set(["content-type", "content-length", "etag", "date", "connection", "keep-alive"]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !ordinary.has(name)));
}

test("answers a stored callback, a refused one and an unknown path with every header helmet sets, and an X-Request-Id", async () => {
  const expected = await helmetsOwnHeaders();
  expect(Object.keys(expected).length).toBeGreaterThan(10);
  const { app } = appLoggingAt("warn");
  const answers = [
    await request(app).post(`/callbacks/vod?token=${TOKEN}`).send(v3NewFileUpload()).expect(200),
    await request(app).post("/callbacks/vod?token=wrong").send(v3NewFileUpload()).expect(401),
    await request(app).get("/no/such/path").expect(404),
  ];
  for (const answer of answers) {
    expect(answer.headers).toMatchObject(expected);
    expect(answer.headers["x-powered-by"]).toBeUndefined();
    expect(answer.headers["x-request-id"]).toEqual(expect.any(String));
  }
});

test("writes the request line at info level and none at warn, while echoing the caller's X-Request-Id at both", async () => {
  for (const [level, lines] of [
    ["info", 1],
    ["warn", 0],
  ] as const) {
    const { app, requestLines } = appLoggingAt(level);
    const answer = await request(app)
      .post(`/callbacks/vod?token=${TOKEN}`)
      .set("X-Request-Id", `req-${level}`)
      .send(v3NewFileUpload())
      .expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answer.headers["x-request-id"]).toBe(`req-${level}`);
    expect(requestLines()).toHaveLength(lines);
    if (lines) expect(requestLines()[0]).toMatchObject({ reqId: `req-${level}`, path: "/callbacks/vod", status: 200 });
  }
});
