// PullComplete through the real ingest path on PostgreSQL (issue 15; record-pull-event.ts): the PENDING upload POST
// /v1/uploads/pull starts is found by its pull TaskId and takes the file; a failed pull marks it FAILED with VOD's
// code; an early or lone PullComplete makes its own row; a NewFileUpload of the same file converges on one row.
// Bodies are Tencent's (test/fixtures/v3/pull-complete, legacy/pull-complete, legacy/pull-complete-current-fields;
// SOURCES.md), re-aimed at fresh FileIds and TaskIds. A failed pull has no published example: ErrCode and an empty
// FileId are set as the SDK's PullUploadTask documents them and the emulator sends them (src/emulator/pulls).
import { randomBytes } from "node:crypto";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent, type IngestDeps } from "../../src/ingest/ingest-event.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

type Json = Record<string, any>;

let db: TestDatabase;
let deps: IngestDeps;
beforeAll(async () => {
  db = await createTestDatabase();
  deps = { db };
});
afterAll(() => db.close());

const APP_ID = "1256768367";
const newTaskKey = () => `Pull-${randomBytes(16).toString("hex")}`;

function v3PullComplete(fileId: string, taskKey: string, patch: (task: Json) => void = () => undefined): Json {
  const body = loadFixture("v3/pull-complete") as Json;
  const task = body.PullCompleteEvent;
  task.TaskId = `${APP_ID}-${taskKey}`;
  task.FileId = fileId;
  patch(task);
  return body;
}

/** A failed pull as VOD reports it: its ErrCode and Message, no file. */
function v3PullFailed(taskKey: string, errCode: number): Json {
  return v3PullComplete("", taskKey, (task) => {
    Object.assign(task, { ErrCode: errCode, Message: "Source file error", FileUrl: "", ProcedureTaskId: "" });
    delete task.MediaBasicInfo;
  });
}

function legacyPullComplete(fileId: string, taskKey: string, status = 0): Json {
  const body = loadFixture("legacy/pull-complete") as Json;
  Object.assign(body.data, { fileId, vodTaskId: taskKey, status, ...(status ? { fileUrl: "" } : {}) });
  return body;
}

/** The row POST /v1/uploads/pull writes: PENDING, the pull TaskId PullUpload answered, no FileId. */
async function pendingPull(taskKey: string, sourceContext = "order-77") {
  return db.prisma.upload.create({
    data: {
      id: newUploadId(),
      status: "PENDING",
      pullTaskId: `${APP_ID}-${taskKey}`,
      sourceContext,
      procedure: "LongVideoPreset",
      mediaType: "mp4",
    },
  });
}

const ingest = (body: Json, at = new Date()) =>
  ingestEvent(deps, { raw: JSON.stringify(body), channel: "push", receivedAt: at });
const uploadsOfTask = (taskKey: string) => db.prisma.upload.findMany({ where: { pullTaskId: { endsWith: taskKey } } });

describe("PullComplete", () => {
  test("moves the pending pull upload to UPLOADED with its FileId, URL, SourceContext and procedure task", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const answer = await ingest(v3PullComplete(fileId, taskKey, (task) => (task.ProcedureTaskId = "proc-1")));
    expect(answer).toMatchObject({ outcome: "applied", fileId, status: "UPLOADED" });
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({
      fileId,
      status: "UPLOADED",
      pullTaskId: `${APP_ID}-${taskKey}`,
      sourceContext: "pull-77",
      procedure: "LongVideoPreset",
      procedureTaskId: "proc-1",
      name: "pulled-from-origin",
      mediaUrl: expect.stringContaining(`/pulled-from-origin.mp4`),
      pullErrCode: null,
      uploadedAt: new Date("2024-06-10T10:01:12Z"),
    });
    expect(await uploadsOfTask(taskKey)).toHaveLength(1);
    // The pull's task is kept like every task (UploadTask).
    const tasks = await db.prisma.uploadTask.findMany({ where: { fileId } });
    expect(tasks).toMatchObject([{ taskId: `${APP_ID}-${taskKey}`, kind: "PullUpload", status: "FINISH" }]);
  });

  test("marks the pending pull upload FAILED with VOD's code and message when the source file is bad", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const answer = await ingest(v3PullFailed(taskKey, 60000));
    expect(answer).toMatchObject({ outcome: "applied", fileId: pending.id, status: "FAILED" });
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ status: "FAILED", fileId: null, pullErrCode: 60000, pullMessage: "Source file error" });
    const stored = await db.prisma.vodEvent.findFirstOrThrow({ where: { eventType: "PullComplete", fileId: null } });
    expect(stored.outcome).toBe("applied");
  });

  test("records a failed pull we never started as a FAILED upload of its own, keyed by the pull TaskId", async () => {
    const taskKey = newTaskKey();
    await ingest(v3PullFailed(taskKey, 70000));
    const rows = await uploadsOfTask(taskKey);
    expect(rows).toMatchObject([
      { status: "FAILED", fileId: null, pullTaskId: `${APP_ID}-${taskKey}`, pullErrCode: 70000 },
    ]);
  });

  test("creates the upload when the PullComplete arrives before the pull's pending row, keeping its TaskId unique", async () => {
    const taskKey = newTaskKey();
    const fileId = newFileId();
    await ingest(v3PullComplete(fileId, taskKey));
    const rows = await uploadsOfTask(taskKey);
    expect(rows).toMatchObject([{ fileId, status: "UPLOADED", pullTaskId: `${APP_ID}-${taskKey}` }]);
    // The pull TaskId is unique: the API's own insert of the pending row cannot make a second one.
    await expect(pendingPull(taskKey)).rejects.toMatchObject({ code: "P2002" });
  });

  test.each([
    ["PullComplete first", ["pull", "upload"]],
    ["NewFileUpload first", ["upload", "pull"]],
  ] as const)("converges with a NewFileUpload of the same file on the pending row (%s)", async (_name, order) => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const bodies = { pull: v3PullComplete(fileId, taskKey), upload: v3NewFileUpload(fileId) };
    for (const [index, kind] of order.entries())
      await ingest(bodies[kind], new Date(Date.UTC(2025, 0, 1, 0, 0, index)));
    const rows = await db.prisma.upload.findMany({ where: { OR: [{ fileId }, { id: pending.id }] } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: pending.id,
      fileId,
      status: "UPLOADED",
      pullTaskId: `${APP_ID}-${taskKey}`,
      procedure: "LongVideoPreset",
    });
    // Both events are on the file's timeline.
    expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(2);
  });

  test("keeps the higher status of a row events made first when it folds it into the pending row", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const procedure = loadFixture("v3/procedure-finish-success") as Json;
    procedure.ProcedureStateChangeEvent.FileId = fileId;
    await ingest(procedure);
    await ingest(v3PullComplete(fileId, taskKey));
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    expect(row).toMatchObject({
      id: pending.id,
      status: "PROCESSED",
      procedureStatus: "FINISH",
      sourceContext: "pull-77",
    });
  });

  test("matches a 2017-format PullComplete to the pull started with the AppId-prefixed TaskId", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    expect(await ingest(legacyPullComplete(fileId, taskKey))).toMatchObject({ outcome: "applied", status: "UPLOADED" });
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ fileId, status: "UPLOADED", pullTaskId: `${APP_ID}-${taskKey}` });
    expect(row.mediaUrl).toMatch(/\/f0\.mp4$/);
  });

  test("fails the pending pull from a 2017-format PullComplete whose status is the error code", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    await ingest(legacyPullComplete("", taskKey, 40000));
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ status: "FAILED", pullErrCode: 40000 });
  });

  test("reads the 2017 envelope around current-style fields, nested MediaBasicInfo included", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const body = loadFixture("legacy/pull-complete-current-fields") as Json;
    Object.assign(body.data, { TaskId: taskKey, FileId: fileId });
    body.data.MediaBasicInfo.FileId = fileId;
    await ingest(body);
    const row = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row).toMatchObject({ fileId, status: "UPLOADED", name: "Animal World", storageRegion: "ap-guangzhou-2" });
  });

  test("acknowledges a redelivered PullComplete as a duplicate and changes nothing", async () => {
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const body = v3PullComplete(fileId, taskKey);
    await ingest(body);
    const before = await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } });
    expect(await ingest(body)).toEqual({ outcome: "duplicate" });
    expect(await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } })).toEqual(before);
    const failed = v3PullFailed(newTaskKey(), 60000);
    await ingest(failed);
    expect(await ingest(failed)).toEqual({ outcome: "duplicate" });
  });

  test("stores a finished PullComplete without a FileId as invalid, saying why, and creates no upload", async () => {
    const taskKey = newTaskKey();
    const answer = await ingest(v3PullComplete("", taskKey));
    expect(answer).toMatchObject({ outcome: "invalid", errors: [{ path: ["PullCompleteEvent"] }] });
    expect(JSON.stringify(answer)).toContain("without a FileId");
    expect(await uploadsOfTask(taskKey)).toEqual([]);
  });

  test("lands on the pending row when PullCompletes come through the group-commit writer with other events", async () => {
    const writer = createGroupCommit(db);
    const taskKey = newTaskKey();
    const pending = await pendingPull(taskKey);
    const fileId = newFileId();
    const others = Array.from({ length: 6 }, () => v3NewFileUpload());
    const answers = await Promise.all(
      [v3PullComplete(fileId, taskKey), ...others].map((body) =>
        ingestEvent({ db, writer }, { raw: JSON.stringify(body), channel: "push" }),
      ),
    );
    expect(answers.map((answer) => answer.outcome)).toEqual(Array(7).fill("applied"));
    expect(await db.prisma.upload.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      fileId,
      status: "UPLOADED",
    });
  });
});
