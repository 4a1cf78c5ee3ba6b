// Reconcile against the VOD emulator in PUSH mode to our app: VOD loses pushes on purpose (dropNextPushes), the
// upload stays behind, and reconcile — the admin route, the sweep, `vod-tracker reconcile` and the timer in
// `serve` — repairs it from DescribeMediaInfos / DescribeTasks / DescribeTaskDetail, recording each repair as an
// event with channel "reconcile".
import { execFile } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { withAdvisoryLock } from "../../src/db/with-advisory-lock.js";
import request from "supertest";
import { loadConfig } from "../../src/config.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createApp } from "../../src/http/create-app.js";
import { serve } from "../../src/http/serve.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { reconcileSweep, RECONCILE_LOCK_ID, type SweepOptions } from "../../src/vod/reconcile-sweep.js";
import { putUploadBytes, uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { listenApp } from "../support/listen-app.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { silentLogger } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3Procedure } from "../support/vod-payloads.js";
import { storedPayload } from "../support/stored-payload.js";

const credentials = { secretId: "AKIDreconcile00000000000000000000", secretKey: "reconcileSecretKey00000000000000" };
const PROCEDURE_DELAY_MS = 100;
let t: TestApp;
let service: { url: string; close(): Promise<void> };
let emulator: EmulatorHandle;
let vod: VodClient;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    ...credentials,
    procedureDelayMs: PROCEDURE_DELAY_MS,
    pushRetryDelaysMs: [20],
  });
  vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  t = await startTestApp({ vod });
  service = await listenApp(t.app);
  await vod.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: `${service.url}${t.callbackPath}`,
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
  });
});
afterAll(async () => {
  await emulator.close();
  await service.close();
  await t.close();
});
afterEach(() => {
  emulator.configure({ dropNextPushes: 0, procedureDelayMs: PROCEDURE_DELAY_MS });
});

const api = {
  post: (path: string, body: object = {}) =>
    request(t.app).post(path).set("Authorization", `Bearer ${t.apiToken}`).send(body),
  get: (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`),
};
const reconcile = (ref: string, token = t.adminToken) =>
  request(t.app).post(`/admin/uploads/${ref}/reconcile`).set("Authorization", `Bearer ${token}`);
const sweep = (options: Partial<SweepOptions> = {}) =>
  reconcileSweep({ db: t.db, databaseUrl: t.db.url, vod }, { olderThanMs: 30_000, ...options });

/** Polls an asynchronous condition (support's waitUntil takes synchronous probes). */
async function until(probe: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const droppedFor = (fileId: string) =>
  emulator.state.deliveries.filter(
    (delivery) => delivery.outcome === "dropped" && JSON.stringify(delivery.body).includes(fileId),
  ).length;
const eventsOf = (fileId: string) => t.db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { id: "asc" } });
const uploadOf = (id: string) => t.db.prisma.upload.findUniqueOrThrow({ where: { id } });
const taskIdOf = (fileId: string) => emulator.state.media.get(fileId)!.procedureTaskId;

/** POST /v1/uploads and the bytes to COS: a PENDING upload. */
async function startUpload(options: { procedure?: string; sourceContext?: string } = {}): Promise<string> {
  const started = await api.post("/v1/uploads", { mediaType: "mp4", ...options });
  expect(started.status).toBe(201);
  const { storage } = started.body;
  await putUploadBytes(storage, emulator.cosDomain);
  return started.body.upload.id;
}

/** Commits through the service while VOD loses its next `lose` pushes, and waits until they are lost. */
async function commitLosing(id: string, lose: number): Promise<string> {
  emulator.configure({ dropNextPushes: lose });
  const committed = await api.post(`/v1/uploads/${id}/commit`);
  expect(committed.status).toBe(200);
  const fileId: string = committed.body.fileId;
  await waitUntil(() => droppedFor(fileId) >= lose);
  return fileId;
}

/** An upload with a Procedure whose NewFileUpload and ProcedureStateChanged were both lost: UPLOADED, no task id. */
async function uploadLosingBoth(sourceContext?: string) {
  const id = await startUpload({ procedure: "LongVideoPreset", sourceContext });
  const fileId = await commitLosing(id, 2);
  return { id, fileId };
}

/** NewFileUpload delivered (the task id is known), ProcedureStateChanged lost. */
async function uploadLosingTaskEnd() {
  emulator.configure({ procedureDelayMs: 600 });
  const id = await startUpload({ procedure: "LongVideoPreset" });
  const fileId = await commitLosing(id, 0);
  await until(async () => (await uploadOf(id)).procedureTaskId !== null);
  emulator.configure({ dropNextPushes: 1 });
  await waitUntil(() => droppedFor(fileId) >= 1);
  return { id, fileId };
}

async function backdate(ids: string[], ms = 60_000, createdAgoMs?: number) {
  await t.db.prisma.upload.updateMany({
    where: { id: { in: ids } },
    data: {
      updatedAt: new Date(Date.now() - ms),
      ...(createdAgoMs ? { createdAt: new Date(Date.now() - createdAgoMs) } : {}),
    },
  });
}

describe("POST /admin/uploads/:ref/reconcile", () => {
  test("repairs an upload whose NewFileUpload and ProcedureStateChanged were lost: UPLOADED → PROCESSED, recorded with channel reconcile", async () => {
    const { id, fileId } = await uploadLosingBoth("order-rec-1");
    expect(await uploadOf(id)).toMatchObject({ status: "UPLOADED", procedureTaskId: null });
    expect(await eventsOf(fileId)).toEqual([]);

    const response = await reconcile(id);
    expect(response.status).toBe(200);
    const taskId = taskIdOf(fileId);
    expect(response.body).toMatchObject({
      outcome: "repaired",
      fileId,
      before: { id, status: "UPLOADED", procedureTaskId: null },
      after: {
        id,
        status: "PROCESSED",
        procedureTaskId: taskId,
        procedureStatus: "FINISH",
        sourceType: "Upload",
        sourceContext: "order-rec-1",
      },
      vod: { exists: true, taskId, taskStatus: "FINISH" },
    });
    expect(response.body.events.map((e: any) => [e.eventType, e.channel, e.outcome])).toEqual([
      ["NewFileUpload", "reconcile", "applied"],
      ["ProcedureStateChanged", "reconcile", "applied"],
    ]);
    const stored = await eventsOf(fileId);
    expect(stored.map((e) => [e.eventType, e.channel, e.outcome, e.procedureTaskId])).toEqual([
      ["NewFileUpload", "reconcile", "applied", taskId],
      ["ProcedureStateChanged", "reconcile", "applied", taskId],
    ]);
    expect(storedPayload(stored[0])).toMatchObject({
      Reconcile: { from: "DescribeMediaInfos" },
      FileUploadEvent: { FileId: fileId },
    });
    expect(await uploadOf(id)).toMatchObject({ status: "PROCESSED", fileId, procedureTaskId: taskId });
  });

  test("a second reconcile of a repaired upload records nothing new", async () => {
    const { id, fileId } = await uploadLosingBoth();
    expect((await reconcile(id)).body.outcome).toBe("repaired");
    const again = await reconcile(fileId);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      outcome: "in_sync",
      events: [],
      before: { status: "PROCESSED" },
      after: { status: "PROCESSED" },
    });
    expect(await eventsOf(fileId)).toHaveLength(2);
  });

  test("creates the row of a FileId whose only callback was lost", async () => {
    emulator.configure({ dropNextPushes: 1 });
    const { fileId } = await uploadToEmulator(vod, emulator.cosDomain, { sourceContext: "order-direct" });
    await waitUntil(() => droppedFor(fileId) >= 1);
    const response = await reconcile(fileId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      outcome: "repaired",
      before: null,
      after: { fileId, status: "UPLOADED", sourceContext: "order-direct" },
    });
    expect(response.body.events.map((e: any) => e.eventType)).toEqual(["NewFileUpload"]);
  });

  test("ends DELETED an upload whose FileId VOD no longer knows", async () => {
    const { fileId } = await uploadToEmulator(vod, emulator.cosDomain);
    await until(async () => (await t.db.prisma.upload.findUnique({ where: { fileId } }))?.status === "UPLOADED");
    emulator.configure({ dropNextPushes: 1 });
    await vod.DeleteMedia({ FileId: fileId });
    await waitUntil(() => droppedFor(fileId) >= 1);
    expect((await t.db.prisma.upload.findUniqueOrThrow({ where: { fileId } })).status).toBe("UPLOADED");

    const response = await reconcile(fileId);
    expect(response.body).toMatchObject({
      outcome: "repaired",
      vod: { exists: false },
      after: { status: "DELETED", deletedAt: expect.any(String) },
    });
    expect((await eventsOf(fileId)).map((e) => [e.eventType, e.channel])).toEqual([
      ["NewFileUpload", "push"],
      ["FileDeleted", "reconcile"],
    ]);
    expect((await reconcile(fileId)).body).toMatchObject({ outcome: "in_sync", events: [] });
  });

  test("leaves a PENDING upload without FileId alone and says it cannot be checked", async () => {
    const id = await startUpload();
    const response = await reconcile(id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      outcome: "unverifiable",
      fileId: null,
      vod: null,
      events: [],
      after: { status: "PENDING" },
    });
  });

  test("answers 404 not_found for a FileId neither the service nor VOD knows, and for an unknown upl_ id", async () => {
    expect((await reconcile(newFileId())).body.error.code).toBe("not_found");
    expect((await reconcile("upl_nosuchupload")).status).toBe(404);
  });

  test("answers 503 vod_not_configured without VOD credentials, 403 to an app token", async () => {
    const app = createApp({
      db: t.db,
      logger: silentLogger,
      callbackAuth: { tokens: ["cb"], signKeys: [] },
      tokens: { api: [t.apiToken], admin: [t.adminToken] },
      vod: null,
    });
    const noVod = await request(app)
      .post(`/admin/uploads/${newFileId()}/reconcile`)
      .set("Authorization", `Bearer ${t.adminToken}`);
    expect([noVod.status, noVod.body.error.code]).toEqual([503, "vod_not_configured"]);
    expect((await reconcile(newFileId(), t.apiToken)).body.error.code).toBe("forbidden");
  });
});

describe("the reconcile sweep", () => {
  test("repairs uploads stuck longer than RECONCILE_AFTER and leaves fresh ones alone", async () => {
    const lostBoth = await uploadLosingBoth();
    const lostEnd = await uploadLosingTaskEnd();
    const processing = await uploadLosingTaskEnd();
    const running = v3Procedure(processing.fileId, "processing");
    running.ProcedureStateChangeEvent.TaskId = taskIdOf(processing.fileId);
    await request(t.app).post(t.callbackPath).send(running).expect(200);
    expect((await uploadOf(processing.id)).status).toBe("PROCESSING");
    const pending = await startUpload();
    const abandoned = await startUpload();
    await backdate([lostBoth.id, lostEnd.id, processing.id, pending]);
    await backdate([abandoned], 60_000, 2 * 24 * 3_600_000);
    const fresh = await uploadLosingBoth();

    const report = await sweep();
    expect(report.ran).toBe(true);
    const itemOf = (id: string) => report.items.find((item) => item.uploadId === id);
    expect(itemOf(lostBoth.id)).toMatchObject({
      outcome: "repaired",
      statusBefore: "UPLOADED",
      statusAfter: "PROCESSED",
      applied: ["NewFileUpload", "ProcedureStateChanged"],
    });
    expect(itemOf(lostEnd.id)).toMatchObject({
      outcome: "repaired",
      statusBefore: "UPLOADED",
      statusAfter: "PROCESSED",
      applied: ["ProcedureStateChanged"],
    });
    expect(itemOf(processing.id)).toMatchObject({
      outcome: "repaired",
      statusBefore: "PROCESSING",
      statusAfter: "PROCESSED",
      applied: ["ProcedureStateChanged"],
    });
    expect(itemOf(pending)).toMatchObject({ outcome: "unverifiable", fileId: null, statusAfter: "PENDING" });
    expect(itemOf(abandoned)).toMatchObject({ outcome: "stale", fileId: null });
    expect(itemOf(fresh.id)).toBeUndefined();
    expect(await uploadOf(fresh.id)).toMatchObject({ status: "UPLOADED", procedureTaskId: null });
    expect(await eventsOf(fresh.fileId)).toEqual([]);
    const repairs = await t.db.prisma.vodEvent.findMany({
      where: { fileId: { in: [lostBoth.fileId, lostEnd.fileId, processing.fileId] }, channel: "reconcile" },
    });
    expect(repairs).toHaveLength(4);
  });

  test("a sweep that finds VOD still processing records PROCESSING once, and the late real callback still finishes the upload", async () => {
    emulator.configure({ procedureDelayMs: 3000 });
    const id = await startUpload({ procedure: "LongVideoPreset" });
    const fileId = await commitLosing(id, 1);
    await until(async () => (await vod.DescribeTaskDetail({ TaskId: taskIdOf(fileId) })).Status === "PROCESSING");

    await backdate([id]);
    const first = await sweep();
    expect(first.items.find((item) => item.uploadId === id)).toMatchObject({
      outcome: "repaired",
      statusAfter: "PROCESSING",
      applied: ["NewFileUpload", "ProcedureStateChanged"],
    });
    await backdate([id]);
    const second = await sweep();
    expect(second.items.find((item) => item.uploadId === id)).toBeUndefined();
    expect(await eventsOf(fileId)).toHaveLength(2);

    await until(async () => (await uploadOf(id)).status === "PROCESSED", 10_000);
    expect((await eventsOf(fileId)).map((e) => [e.eventType, e.channel])).toEqual([
      ["NewFileUpload", "reconcile"],
      ["ProcedureStateChanged", "reconcile"],
      ["ProcedureStateChanged", "push"],
    ]);
  });

  test("of two sweeps started at once, one works and the other finds the lock taken", async () => {
    const stuck = [await uploadLosingBoth(), await uploadLosingBoth()];
    await backdate(stuck.map((upload) => upload.id));
    const reports = await Promise.all([sweep(), sweep()]);
    expect(reports.map((report) => report.ran).sort()).toEqual([false, true]);
    const worker = reports.find((report) => report.ran)!;
    for (const upload of stuck) {
      expect(worker.items.find((item) => item.uploadId === upload.id)).toMatchObject({
        outcome: "repaired",
        statusAfter: "PROCESSED",
      });
      expect(await eventsOf(upload.fileId)).toHaveLength(2);
    }
  });

  test("skips its turn while another replica holds the lock", async () => {
    const stuck = await uploadLosingBoth();
    await backdate([stuck.id]);
    // On PostgreSQL the other replica is another session holding the lock. The embedded database allows one
    // process per data directory, so there the other holder is a run of this process.
    let release: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let replica: pg.Client | null = null;
    let otherRun: Promise<unknown> = Promise.resolve();
    if (t.db.mode === "postgresql") {
      replica = new pg.Client({ connectionString: t.db.url });
      await replica.connect();
      await replica.query("SELECT pg_advisory_lock($1::bigint)", [RECONCILE_LOCK_ID]);
    } else {
      let held: () => void = () => undefined;
      const acquired = new Promise<void>((resolve) => (held = resolve));
      otherRun = withAdvisoryLock(t.db.url, RECONCILE_LOCK_ID, async () => {
        held();
        await holding;
      });
      await acquired;
    }
    try {
      expect(await sweep()).toMatchObject({ ran: false, checked: 0 });
      expect((await uploadOf(stuck.id)).status).toBe("UPLOADED");
    } finally {
      release();
      await otherRun;
      await replica?.end();
    }
    expect((await sweep()).ran).toBe(true);
    expect((await uploadOf(stuck.id)).status).toBe("PROCESSED");
  });

  test("`vod-tracker reconcile` runs one sweep and prints what it repaired", async () => {
    const stuck = await uploadLosingBoth();
    await backdate([stuck.id]);
    const cli = path.resolve("src/cli.ts");
    const env = {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: t.db.url,
      MIGRATE_ON_START: "false",
      LOG_LEVEL: "silent",
      TENCENTCLOUD_SECRET_ID: credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
      VOD_ENDPOINT: emulator.url,
    };
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--import", "tsx", cli, "reconcile", "--older-than", "30s"],
        { env, timeout: 30_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    expect(stdout).toContain(
      `${stuck.id}  ${stuck.fileId}  UPLOADED → PROCESSED  repaired (NewFileUpload, ProcedureStateChanged)`,
    );
    expect(stdout).toMatch(/checked \d+ upload\(s\): [1-9]\d* repaired/);
    expect((await uploadOf(stuck.id)).status).toBe("PROCESSED");
  });

  test("`serve` sweeps on its RECONCILE_INTERVAL timer and stops it on close()", async () => {
    const stuck = await uploadLosingBoth();
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: t.db.url,
      MIGRATE_ON_START: "false",
      CALLBACK_TOKEN: "cb-serve",
      API_TOKENS: "api-serve",
      ADMIN_TOKENS: "adm-serve",
      TENCENTCLOUD_SECRET_ID: credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
      VOD_ENDPOINT: emulator.url,
      RECONCILE_AFTER: "200ms",
      RECONCILE_INTERVAL: "100ms",
    });
    const server = await serve(config, silentLogger);
    try {
      await until(async () => (await uploadOf(stuck.id)).status === "PROCESSED", 10_000);
    } finally {
      await server.close();
    }
    expect((await eventsOf(stuck.fileId)).map((e) => e.channel)).toEqual(["reconcile", "reconcile"]);
    const afterClose = await uploadLosingBoth();
    await backdate([afterClose.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await uploadOf(afterClose.id)).status).toBe("UPLOADED");
  });
});
