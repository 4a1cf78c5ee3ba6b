// GET /v1/uploads/:ref and GET /v1/uploads are answered in front of Express (src/http/upload-reads-fast-path.ts);
// the Express routes stay for what the fast path hands over. Both ways in must give the same answers: status, the
// body byte for byte, and every header but the per-answer ones (ETag included: it tags the same bytes). A trailing
// slash is Express's to match, so `/v1/uploads/x/` asks Express what `/v1/uploads/x` was answered in front of it.
import request from "supertest";
import { createAuthFailureLimiter } from "../../src/http/auth-failure-limiter.js";
import { createApp } from "../../src/http/create-app.js";
import { seedOutputs, seedTasks, taskFlowOutputs } from "../support/seed-outputs.js";
import { silentLogger } from "../support/test-database.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let t: TestApp;
/** How many requests Express's router has seen. */
let routed = 0;
const sourceContext = `fast-${newFileId()}`;
const fileIds: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  // Every request Express answers goes through its router: a request the fast path answered never does.
  const router = (t.app as unknown as { router: { handle: (...args: unknown[]) => void } }).router;
  const handle = router.handle.bind(router);
  router.handle = (...args: unknown[]) => {
    routed += 1;
    handle(...args);
  };
  for (const processed of [false, true, false]) {
    const fileId = newFileId();
    await request(t.app)
      .post(t.callbackPath)
      .send(
        v3NewFileUpload(
          fileId,
          (body) => (body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext),
        ),
      )
      .expect(200);
    if (processed) await request(t.app).post(t.callbackPath).send(v3Procedure(fileId)).expect(200);
    fileIds.push(fileId);
  }
  const withOutputs = fileIds[2] as string;
  await seedOutputs(t.db, withOutputs, taskFlowOutputs(withOutputs, "1-Procedure-fast"));
  await seedTasks(t.db, withOutputs, [{ taskId: "1-Procedure-fast", status: "FINISH" }]);
});
afterAll(() => t.close());

const perAnswer = new Set(["date", "x-request-id", "connection", "keep-alive"]);
const stable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !perAnswer.has(name)));
const get = (path: string, token: string | null = t.apiToken) => {
  const test = request(t.app).get(path);
  return token === null ? test : test.set("Authorization", `Bearer ${token}`);
};
/** The path as Express matches it, with a trailing slash the fast path does not take. */
const viaExpress = (path: string) => path.replace(/^([^?]*)/, "$1/");

async function answeredInFront(path: string, token?: string | null) {
  routed = 0;
  const fast = await get(path, token);
  expect(routed).toBe(0);
  const behind = await get(viaExpress(path), token);
  expect(routed).toBeGreaterThan(0);
  return { fast, behind };
}

const byRef: Array<[string, () => string]> = [
  ["an uploaded upload by FileId", () => `/v1/uploads/${fileIds[0]}`],
  ["a processed upload by FileId (its task flow's outputs)", () => `/v1/uploads/${fileIds[1]}`],
  ["an upload with seeded outputs and a finished task", () => `/v1/uploads/${fileIds[2]}`],
  ["an unknown FileId (404)", () => "/v1/uploads/5285890799999999999"],
  ["a ref over 200 characters (400)", () => `/v1/uploads/${"x".repeat(201)}`],
];
const lists: Array<[string, () => string]> = [
  ["a page by source context", () => `/v1/uploads?sourceContext=${sourceContext}`],
  [
    "a page of 2 by status and source context",
    () => `/v1/uploads?status=PROCESSED&sourceContext=${sourceContext}&limit=2`,
  ],
  ["a page with outputs", () => `/v1/uploads?sourceContext=${sourceContext}&include=outputs`],
  ["a page of 1 (with a next cursor)", () => `/v1/uploads?sourceContext=${sourceContext}&limit=1`],
  ["no query at all", () => "/v1/uploads"],
  ["a limit out of range (400)", () => "/v1/uploads?limit=0"],
  ["an unknown status (400)", () => "/v1/uploads?status=NOPE"],
  ["a forged cursor (400)", () => "/v1/uploads?cursor=bm90IGEgY3Vyc29y"],
  ["a repeated parameter (400)", () => "/v1/uploads?status=FAILED&status=PROCESSED"],
];

test.each([...byRef, ...lists])("answers %s in front of Express as the route behind it", async (_name, path) => {
  const { fast, behind } = await answeredInFront(path());
  expect(fast.status).toBe(behind.status);
  expect(fast.text).toBe(behind.text);
  expect(stable(fast.headers)).toEqual(stable(behind.headers));
  expect(fast.headers.etag).toEqual(expect.stringMatching(/^W\/"/));
  expect(fast.headers["x-request-id"]).toEqual(expect.any(String));
});

test("answers with an admin token too, and echoes the caller's X-Request-Id", async () => {
  routed = 0;
  const answer = await get(`/v1/uploads/${fileIds[1]}`, t.adminToken).set("X-Request-Id", "caller-id-1");
  expect(answer.status).toBe(200);
  expect(answer.headers["x-request-id"]).toBe("caller-id-1");
  expect(answer.body.fileId).toBe(fileIds[1]);
  expect(routed).toBe(0);
});

test("the next page's cursor, taken in front of Express, reads the page after", async () => {
  const first = await get(`/v1/uploads?sourceContext=${sourceContext}&limit=2`).expect(200);
  const cursor = (first.body as { nextCursor: string }).nextCursor;
  const { fast, behind } = await answeredInFront(`/v1/uploads?sourceContext=${sourceContext}&limit=2&cursor=${cursor}`);
  expect(fast.text).toBe(behind.text);
  expect((fast.body as { items: unknown[] }).items).toHaveLength(1);
});

test.each<[string, () => request.Test, number]>([
  ["a missing token", () => get(`/v1/uploads/${fileIds[0]}`, null), 401],
  ["a wrong token", () => get(`/v1/uploads/${fileIds[0]}`, "wrong"), 401],
  ["a long poll (?waitFor=)", () => get(`/v1/uploads/${fileIds[1]}?waitFor=processed`), 200],
  ["a query on GET by ref", () => get(`/v1/uploads/${fileIds[1]}?timeout=0`), 400],
  ["a %-escaped ref", () => get(`/v1/uploads/%35${(fileIds[1] as string).slice(1)}`), 200],
  ["a path in another case", () => get(`/V1/uploads/${fileIds[1]}`), 200],
  ["HEAD", () => request(t.app).head(`/v1/uploads/${fileIds[1]}`).set("Authorization", `Bearer ${t.apiToken}`), 200],
  ["a body", () => get("/v1/uploads").set("content-type", "application/json").send("{}"), 200],
  ["Forwarded", () => get("/v1/uploads").set("Forwarded", "for=192.0.2.1"), 200],
  ["X-Forwarded-For without trust proxy", () => get("/v1/uploads").set("X-Forwarded-For", "192.0.2.1"), 200],
])("hands %s to Express", async (_name, send, status) => {
  routed = 0;
  expect((await send()).status).toBe(status);
  expect(routed).toBeGreaterThan(0);
});

test("hands a conditional request to Express, which answers 304 to the ETag the fast path gave", async () => {
  const first = await get(`/v1/uploads/${fileIds[2]}`).expect(200);
  routed = 0;
  const again = await get(`/v1/uploads/${fileIds[2]}`).set("If-None-Match", first.headers.etag as string);
  expect(again.status).toBe(304);
  expect(routed).toBeGreaterThan(0);
});

const appWithLimit = (maxFailures: number, trustProxy?: number) =>
  createApp({
    db: t.db,
    logger: silentLogger,
    callbackAuth: { tokens: ["cb"], signKeys: [] },
    tokens: { api: ["api"], admin: ["adm"] },
    authFailureLimiter: createAuthFailureLimiter({ maxFailures, windowMs: 60_000, logger: silentLogger }),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
  });

test("a client past the failure limit gets 429 from Express with a valid token, as before", async () => {
  const app = appWithLimit(2);
  const valid = () => request(app).get(`/v1/uploads/${fileIds[0]}`).set("Authorization", "Bearer api");
  expect((await valid()).status).toBe(200);
  for (let i = 0; i < 2; i += 1) {
    expect((await request(app).get("/v1/uploads").set("Authorization", "Bearer guess")).status).toBe(401);
  }
  const refused = await valid();
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe("rate_limited");
  expect(refused.headers["retry-after"]).toEqual(expect.any(String));
});

test("behind a trusted proxy, keys clients by X-Forwarded-For as the limiter does", async () => {
  const app = appWithLimit(2, 1);
  const from = (address: string, token: string) =>
    request(app).get("/v1/uploads?limit=1").set("Authorization", `Bearer ${token}`).set("X-Forwarded-For", address);
  for (let i = 0; i < 2; i += 1) expect((await from("192.0.2.7", "guess")).status).toBe(401);
  expect((await from("192.0.2.7", "api")).status).toBe(429);
  expect((await from("192.0.2.8", "api")).status).toBe(200);
});
