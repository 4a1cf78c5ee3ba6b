// GET /v1/uploads/:ref?waitFor=&timeout= (issue 16 §5): the long poll answers the plain GET's body with Wait-Result
// met / unreachable / timeout, as soon as a callback makes the condition hold or impossible, else at the timeout;
// 400 on bad parameters, 404 at once for an unknown upload; a client that goes away leaves no waiter behind. On the
// test database (PostgreSQL when TEST_DATABASE_URL is set, else embedded), with a second app on its own pool for the
// cross-process wake-up (PostgreSQL only). Bodies: Tencent's NewFileUpload, ProcedureStateChanged (FINISH success
// and failed) and PullComplete from test/fixtures (sources in test/fixtures/SOURCES.md).
import http from "node:http";
import { randomUUID } from "node:crypto";
import { createPendingPullUpload } from "../../src/db/create-pending-pull-upload.js";
import { createPrisma, type PrismaHandle } from "../../src/db/create-prisma.js";
import { createUploadWatch, type UploadWatch } from "../../src/db/create-upload-watch.js";
import { createApp } from "../../src/http/create-app.js";
import { createMetrics } from "../../src/metrics.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { listenApp } from "../support/listen-app.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

const callbackToken = `cb_${randomUUID()}`;
const apiToken = `api_${randomUUID()}`;

interface Service {
  url: string;
  watch: UploadWatch;
  close(): Promise<void>;
}

async function startService(db: TestDatabase): Promise<Service> {
  const watch = createUploadWatch(db, { logger: silentLogger });
  const app = createApp({
    db,
    logger: silentLogger,
    callbackAuth: { tokens: [callbackToken], signKeys: [] },
    tokens: { api: [apiToken], admin: [] },
    metrics: createMetrics(),
    uploadWatch: watch,
  });
  const listening = await listenApp(app);
  return {
    url: listening.url,
    watch,
    close: async () => {
      await watch.close(1000);
      await listening.close();
    },
  };
}

let db: TestDatabase;
let service: Service;
beforeAll(async () => {
  db = await createTestDatabase();
  service = await startService(db);
});
afterAll(async () => {
  await service.close();
  await db.close();
});

async function callback(body: unknown, to = service) {
  const response = await fetch(`${to.url}/callbacks/vod?token=${callbackToken}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { outcome: string };
}

async function get(ref: string, query = "", from = service) {
  const started = Date.now();
  const response = await fetch(`${from.url}/v1/uploads/${ref}${query}`, {
    headers: { authorization: `Bearer ${apiToken}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    result: response.headers.get("wait-result"),
    text,
    at: Date.now(),
    ms: Date.now() - started,
  };
}

const waitRows = async () =>
  db.mode === "postgresql" ? Number((await db.pool.query(`SELECT count(*) FROM "UploadWait"`)).rows[0].count) : 0;

async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function uploaded(): Promise<string> {
  const fileId = newFileId();
  expect(await callback(v3NewFileUpload(fileId))).toMatchObject({ outcome: "applied" });
  return fileId;
}

describe("GET /v1/uploads/:ref?waitFor=", () => {
  test("answers at once, with the plain GET's bytes and Wait-Result met, when the condition already holds", async () => {
    const fileId = await uploaded();
    const waited = await get(fileId, "?waitFor=uploaded&timeout=30");
    const plain = await get(fileId);
    expect([waited.status, waited.result]).toEqual([200, "met"]);
    expect(waited.ms).toBeLessThan(1000);
    expect(waited.text).toBe(plain.text);
    expect(plain.result).toBeNull();
  });

  test("waits, then answers within a second of the callback that makes it hold, not at the timeout", async () => {
    const fileId = await uploaded();
    const waiting = get(fileId, "?waitFor=processed&timeout=20");
    await until(() => service.watch.size() === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await callback(v3Procedure(fileId))).toMatchObject({ outcome: "applied" });
    const calledBack = Date.now();
    const waited = await waiting;
    expect([waited.status, waited.result]).toEqual([200, "met"]);
    expect(waited.at - calledBack).toBeLessThan(1000);
    expect(JSON.parse(waited.text)).toMatchObject({ fileId, status: "PROCESSED" });
    expect(waited.text).toBe((await get(fileId)).text);
    await until(async () => service.watch.size() === 0 && (await waitRows()) === 0);
  });

  test("answers the current state with Wait-Result timeout when the timeout passes", async () => {
    const fileId = await uploaded();
    const waited = await get(fileId, "?waitFor=processed&timeout=1");
    expect([waited.status, waited.result]).toEqual([200, "timeout"]);
    expect(waited.ms).toBeGreaterThanOrEqual(990);
    expect(waited.ms).toBeLessThan(3000);
    expect(JSON.parse(waited.text)).toMatchObject({ fileId, status: "UPLOADED" });
  });

  test("answers Wait-Result unreachable as soon as the task flow FAILED", async () => {
    const fileId = await uploaded();
    const waiting = get(fileId, "?waitFor=processed&timeout=20");
    await until(() => service.watch.size() === 1);
    await callback(v3Procedure(fileId, "failed"));
    const waited = await waiting;
    expect([waited.status, waited.result]).toEqual([200, "unreachable"]);
    expect(JSON.parse(waited.text)).toMatchObject({ status: "FAILED" });
    // Already FAILED: at once.
    expect((await get(fileId, "?waitFor=playable&timeout=20")).result).toBe("met"); // its source URL plays
    expect((await get(fileId, "?waitFor=processed&timeout=20")).result).toBe("unreachable");
  });

  test("follows a pull upload by its upl_ id until its PullComplete names the FileId", async () => {
    const taskId = `1256768367-Pull-${randomUUID().slice(0, 12)}`;
    const pending = await createPendingPullUpload(db, {
      pullTaskId: taskId,
      sourceUrl: "https://media.example/clip.mp4",
      mediaType: "mp4",
      name: null,
      procedure: null,
      storageRegion: null,
      sourceContext: null,
      sessionContext: null,
      sessionId: null,
      subAppId: null,
      classId: null,
    });
    const waiting = get(pending.id, "?waitFor=uploaded&timeout=20");
    await until(() => service.watch.size() === 1);
    const body = loadFixture("v3/pull-complete") as Record<string, any>;
    const fileId = newFileId();
    Object.assign(body.PullCompleteEvent, { TaskId: taskId, FileId: fileId });
    const calledBack = Date.now();
    await callback(body);
    const waited = await waiting;
    expect(waited.result).toBe("met");
    expect(waited.at - calledBack).toBeLessThan(1000);
    expect(JSON.parse(waited.text)).toMatchObject({ id: pending.id, fileId, status: "UPLOADED" });
  });

  test.each([
    ["waitFor=soon", "an unknown condition"],
    ["waitFor=final&timeout=0", "a timeout under 1 s"],
    ["waitFor=final&timeout=61", "a timeout over 60 s"],
    ["waitFor=final&timeout=1.5", "a fractional timeout"],
    ["waitFor=final&timeout=abc", "a timeout that is no number"],
    ["waitFor=final&waitFor=processed", "two conditions"],
  ])("answers 400 invalid_request to %s (%s)", async (query) => {
    const fileId = await uploaded();
    const answer = await get(fileId, `?${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "invalid_request" } });
  });

  test("answers 404 at once for an unknown upload", async () => {
    const answer = await get(newFileId(), "?waitFor=final&timeout=30");
    expect(answer.status).toBe(404);
    expect(answer.ms).toBeLessThan(1000);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "not_found" } });
  });

  test("drops the waiter, its row and its gauge as soon as the client goes away", async () => {
    const fileId = await uploaded();
    const request = http.get(`${service.url}/v1/uploads/${fileId}?waitFor=processed&timeout=30`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    request.on("error", () => undefined);
    await until(async () => service.watch.size() === 1 && (db.mode === "embedded" || (await waitRows()) === 1));
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^vod_tracker_upload_waiters 1$/m);
    const aborted = Date.now();
    request.destroy();
    await until(async () => service.watch.size() === 0 && (await waitRows()) === 0);
    expect(Date.now() - aborted).toBeLessThan(1000);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(/^vod_tracker_upload_waiters 0$/m);
  });

  test("is documented in OpenAPI: both parameters and the Wait-Result header", async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as any;
    const operation = document.paths["/v1/uploads/{ref}"].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      "ref",
      "waitFor",
      "timeout",
    ]);
    expect(operation.responses["200"].headers["Wait-Result"].schema).toMatchObject({
      enum: ["met", "unreachable", "timeout"],
    });
  });
});

describe("across two apps on their own pools of one database (two processes' worth)", () => {
  let other: Service;
  let otherHandle: PrismaHandle;
  beforeAll(async () => {
    // Another pool, so another process's view: this app's in-process hook never hears the other's commits.
    otherHandle = createPrisma({ url: db.url, poolSize: 2, logger: silentLogger });
    other = await startService({ ...otherHandle, url: db.url, mode: db.mode });
  });
  afterAll(async () => {
    await other.close();
    await otherHandle.close();
  });

  test("a wait on one hears a callback to the other: by LISTEN within a second on PostgreSQL, else by the poll", async () => {
    const fileId = await uploaded();
    const waiting = get(fileId, "?waitFor=processed&timeout=20");
    await until(async () => service.watch.size() === 1 && (db.mode === "embedded" || (await waitRows()) === 1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calledBack = Date.now();
    await callback(v3Procedure(fileId), other);
    const waited = await waiting;
    expect(waited.result).toBe("met");
    // The embedded database has no other process to hear: its poll (every 5 s) finds the change.
    expect(waited.at - calledBack).toBeLessThan(db.mode === "postgresql" ? 1000 : 6000);
  });
});
