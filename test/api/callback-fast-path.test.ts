// POST /callbacks/vod is answered in front of Express (src/http/callback-fast-path.ts); the Express route stays for
// what the fast path hands over (a compressed body, the path spelled with a trailing slash). Both ways in must give
// the same answers: status, body, and every header but the per-answer ones. A POST answer carries no ETag.
import { gzipSync } from "node:zlib";
import request from "supertest";
import { listenApp } from "../support/listen-app.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const perAnswer = new Set(["date", "x-request-id", "etag", "content-length", "connection", "keep-alive"]);
const stable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !perAnswer.has(name)));

/** The same request through the fast path and through Express (a trailing slash is Express's to match). */
async function bothWays(send: (path: string) => request.Test) {
  const fast = await send(t.callbackPath);
  const viaExpress = await send(t.callbackPath.replace("/callbacks/vod", "/callbacks/vod/"));
  return { fast, viaExpress };
}

test("answers a stored callback and each refusal without an ETag", async () => {
  const answers = [
    await request(t.app).post(t.callbackPath).send(v3NewFileUpload()).expect(200),
    await request(t.app).post("/callbacks/vod?token=wrong").send(v3NewFileUpload()).expect(401),
    await request(t.app).post(t.callbackPath).set("content-type", "application/json").send("{").expect(400),
    await request(t.app)
      .post(t.callbackPath)
      .send({ padding: "x".repeat(1024 * 1024) })
      .expect(413),
  ];
  for (const answer of answers) expect(answer.headers.etag).toBeUndefined();
});

test.each([
  ["a new NewFileUpload", (path: string) => request(t.app).post(path).send(v3NewFileUpload())],
  [
    "a wrong token",
    (path: string) =>
      request(t.app)
        .post(path.replace(/token=[^&]+/, "token=wrong"))
        .send({}),
  ],
  ["a missing token", (path: string) => request(t.app).post(path.replace(/\?.*/, "")).send({})],
  ["a repeated token", (path: string) => request(t.app).post(`${path}&token=again`).send({})],
  ["malformed JSON", (path: string) => request(t.app).post(path).set("content-type", "text/plain").send("{")],
  ["an empty body", (path: string) => request(t.app).post(path)],
  [
    "a body over 1 MiB",
    (path: string) =>
      request(t.app)
        .post(path)
        .send({ padding: "x".repeat(1024 * 1024) }),
  ],
  ["a body that fails the schema", (path: string) => request(t.app).post(path).send({ EventType: "NewFileUpload" })],
])("answers %s the same way in front of Express as the route behind it", async (_name, send) => {
  const { fast, viaExpress } = await bothWays(send);
  expect(fast.status).toBe(viaExpress.status);
  expect(stable(fast.headers)).toEqual(stable(viaExpress.headers));
  // A new upload gets its own FileId each time: compare the answer's shape.
  expect(Object.keys(fast.body)).toEqual(Object.keys(viaExpress.body));
  expect(fast.body.outcome ?? fast.body.error.code).toBe(viaExpress.body.outcome ?? viaExpress.body.error.code);
  expect(fast.headers["x-request-id"]).toEqual(expect.any(String));
});

test.each([
  ["the token alone", (token: string) => `token=${token}`, 200],
  [
    "the token percent-encoded",
    (token: string) => `token=${[...token].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("")}`,
    200,
  ],
  ["the token after another parameter", (token: string) => `other=1&token=${token}`, 200],
  ["the token before another parameter", (token: string) => `token=${token}&other=1`, 200],
  ["the token with a plus sign (a space once decoded)", (token: string) => `token=${token}+`, 401],
  ["the token given twice", (token: string) => `token=${token}&token=${token}`, 401],
  ["an empty token", () => "token=", 401],
])("reads the callback token from a query holding %s as the Express route does", async (_name, query, status) => {
  const { fast, viaExpress } = await bothWays((path) =>
    request(t.app)
      .post(path.replace(/\?.*/, `?${query(t.callbackToken)}`))
      .send(v3NewFileUpload()),
  );
  expect(fast.status).toBe(status);
  expect(viaExpress.status).toBe(status);
});

test("acknowledges a redelivered callback as a duplicate whichever way it came in first", async () => {
  const body = v3NewFileUpload();
  await request(t.app)
    .post(t.callbackPath)
    .send(body)
    .expect(200, { outcome: "applied", fileId: body.FileUploadEvent.FileId, status: "UPLOADED" });
  await request(t.app)
    .post(t.callbackPath.replace("/callbacks/vod", "/callbacks/vod/"))
    .send(body)
    .expect(200, { outcome: "duplicate" });
  await request(t.app).post(t.callbackPath).send(body).expect(200, { outcome: "duplicate" });
});

test("stores a gzip-compressed callback, inflated by the route behind Express", async () => {
  const body = v3NewFileUpload();
  // Over a real socket: supertest re-encodes a Buffer sent as JSON.
  const server = await listenApp(t.app);
  try {
    const answer = await fetch(`${server.url}${t.callbackPath}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(JSON.stringify(body)),
    });
    expect([answer.status, await answer.json()]).toEqual([
      200,
      { outcome: "applied", fileId: body.FileUploadEvent.FileId, status: "UPLOADED" },
    ]);
  } finally {
    await server.close();
  }
});
