// Notification messages of PullComplete (issue 16 §2) on PostgreSQL through the real ingest path
// (record-pull-event.ts): a failed pull's FAILED (fail-pull-sql.ts) writes `upload.failed` in the statement that
// writes the FAILED, with the hot path's bookkeeping (sequence, previous status, endpoint filter) and its wake-ups
// (this process's workers, pg_notify for the others); a successful pull announces `upload.uploaded` for the id the
// app holds, also when an event about the file came first and its row is folded in (attach-pulled-file-sql.ts).
// Bodies: Tencent's PullComplete and NewFileUpload (test/fixtures/v3/pull-complete, new-file-upload; SOURCES.md),
// re-aimed at fresh FileIds and TaskIds; a failed pull has no published example: ErrCode and an empty FileId are set
// as the SDK's PullUploadTask documents them (as test/db/pull-complete.test.ts does).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { onMessagesWritten } from "../../src/db/messages-written.js";
import { notifyChannel } from "../../src/db/record-events-sql.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { startTestWorker } from "./support/start-test-worker.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { testEndpoints } from "./support/test-endpoints.js";
import { startReceiver, waitFor } from "./support/receiver.js";

type Json = Record<string, any>;
const APP_ID = "1256768367";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const endpoint = testEndpoints(() => db);

const newTaskId = () => `${APP_ID}-Pull-${randomBytes(16).toString("hex")}`;

function pullComplete(taskId: string, fileId: string): Json {
  const body = loadFixture("v3/pull-complete") as Json;
  Object.assign(body.PullCompleteEvent, { TaskId: taskId, FileId: fileId });
  return body;
}

function pullFailed(taskId: string, errCode: number): Json {
  const body = pullComplete(taskId, "");
  Object.assign(body.PullCompleteEvent, { ErrCode: errCode, Message: "Source file error", FileUrl: "" });
  delete body.PullCompleteEvent.MediaBasicInfo;
  return body;
}

/** The row POST /v1/uploads/pull writes: PENDING, the TaskId PullUpload answered, no FileId. */
const pendingPull = (taskId: string) =>
  db.prisma.upload.create({ data: { id: newUploadId(), status: "PENDING", pullTaskId: taskId } });

const ingest = (body: Json) => ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push" });

async function messagesOf(uploadId: string) {
  const result = await db.pool.query<{ eventType: string; sequence: string; snapshot: Json }>(
    `SELECT "eventType", sequence::text, snapshot FROM "NotifyMessage" WHERE "uploadId" = $1 ORDER BY id`,
    [uploadId],
  );
  return result.rows.map((row) => ({ type: row.eventType, sequence: Number(row.sequence), snapshot: row.snapshot }));
}
const typesOf = async (uploadId: string) => (await messagesOf(uploadId)).map((m) => m.type);

describe("a failed PullComplete", () => {
  test("writes upload.failed for the pending upload, delivered with its pull error and verified with standardwebhooks", async () => {
    const receiver = await startReceiver();
    const { secret } = await endpoint([], receiver.url);
    const worker = await startTestWorker(db);
    try {
      const taskId = newTaskId();
      const pending = await pendingPull(taskId);
      expect(await ingest(pullFailed(taskId, 60000))).toMatchObject({ outcome: "applied", status: "FAILED" });
      const [message] = await messagesOf(pending.id);
      expect(message).toMatchObject({ type: "upload.failed", sequence: 1 });
      expect(message?.snapshot).toMatchObject({ id: pending.id, status: "FAILED", notifyPrevStatus: "PENDING" });

      const [received] = await waitFor(() => (receiver.received.length ? receiver.received : undefined));
      const verified = new Webhook(secret).verify(received!.body, {
        "webhook-id": received!.headers["webhook-id"] as string,
        "webhook-timestamp": received!.headers["webhook-timestamp"] as string,
        "webhook-signature": received!.headers["webhook-signature"] as string,
      }) as Json;
      expect(verified).toMatchObject({
        type: "upload.failed",
        data: {
          id: pending.id,
          fileId: null,
          status: "FAILED",
          previousStatus: "PENDING",
          sequence: 1,
          pull: { taskId, errCode: 60000, message: "Source file error", retryable: false },
        },
      });
      expect(receiver.received).toHaveLength(1);
    } finally {
      worker.stop();
      await worker.done;
      await receiver.close();
    }
  });

  test("of a task we never started writes upload.failed for the row it makes", async () => {
    await endpoint();
    const taskId = newTaskId();
    await ingest(pullFailed(taskId, 70000));
    const [row] = await db.prisma.upload.findMany({ where: { pullTaskId: taskId } });
    expect(row).toMatchObject({ status: "FAILED", notifySequence: 1n });
    expect(await messagesOf(row!.id)).toMatchObject([
      { type: "upload.failed", sequence: 1, snapshot: { id: row!.id, notifyPrevStatus: null } },
    ]);
  });

  test("redelivered, or reported for an upload that has its file, writes nothing more", async () => {
    await endpoint();
    const taskId = newTaskId();
    const pending = await pendingPull(taskId);
    await ingest(pullFailed(taskId, 60000));
    expect(await ingest(pullFailed(taskId, 60000))).toEqual({ outcome: "duplicate" });
    expect(await typesOf(pending.id)).toEqual(["upload.failed"]);

    const pulledTask = newTaskId();
    const pulled = await pendingPull(pulledTask);
    await ingest(pullComplete(pulledTask, newFileId()));
    const before = await messagesOf(pulled.id);
    await ingest(pullFailed(pulledTask, 70000));
    expect(await messagesOf(pulled.id)).toEqual(before);
    expect(await db.prisma.upload.findUniqueOrThrow({ where: { id: pulled.id } })).toMatchObject({
      status: "UPLOADED",
    });
  });

  test("reaches only the endpoints that want upload.failed", async () => {
    const failedOnly = await endpoint(["upload.failed"]);
    const uploadedOnly = await endpoint(["upload.uploaded"]);
    const taskId = newTaskId();
    const pending = await pendingPull(taskId);
    await ingest(pullFailed(taskId, 40000));
    const rows = await db.pool.query<{ endpointId: string }>(
      `SELECT "endpointId" FROM "NotifyMessage" WHERE "uploadId" = $1`,
      [pending.id],
    );
    expect(rows.rows.map((row) => row.endpointId)).toEqual([failedOnly.id]);
    expect(rows.rows.map((row) => row.endpointId)).not.toContain(uploadedOnly.id);
  });

  test("wakes this process's delivery workers and notifies the channel other processes listen on", async () => {
    await endpoint();
    // Other processes exist only on a PostgreSQL server: the embedded database is this process's alone, and its
    // one session cannot hold a LISTEN beside the statement (the in-process wake is the whole story there).
    const listener = db.mode === "postgresql" ? new pg.Client({ connectionString: db.url }) : null;
    const heard: string[] = [];
    if (listener) {
      await listener.connect();
      listener.on("notification", (notification) => heard.push(notification.channel));
      await listener.query(`LISTEN ${notifyChannel}`);
    }
    let woken = 0;
    const unsubscribe = onMessagesWritten(db, () => (woken += 1));
    try {
      const taskId = newTaskId();
      await pendingPull(taskId);
      await ingest(pullFailed(taskId, 60000));
      expect(woken).toBe(1);
      if (listener) {
        await waitFor(() => heard.length > 0);
        expect(heard).toEqual([notifyChannel]);
      }
    } finally {
      unsubscribe();
      await listener?.end();
    }
  });
});

describe("a successful PullComplete", () => {
  test("writes upload.uploaded and upload.playable for the pending upload the app holds", async () => {
    await endpoint();
    const taskId = newTaskId();
    const pending = await pendingPull(taskId);
    await ingest(pullComplete(taskId, newFileId()));
    expect(await messagesOf(pending.id)).toMatchObject([
      { type: "upload.uploaded", sequence: 1, snapshot: { notifyPrevStatus: "PENDING", status: "UPLOADED" } },
      { type: "upload.playable", sequence: 1 },
    ]);
  });

  test("after a NewFileUpload of the same file, announces the folded row under the app's id once, its sequence past the early row's", async () => {
    await endpoint();
    const taskId = newTaskId();
    const pending = await pendingPull(taskId);
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    const early = await db.prisma.upload.findFirstOrThrow({ where: { fileId } });
    expect(early.id).not.toBe(pending.id);
    expect(await typesOf(early.id)).toEqual(["upload.uploaded", "upload.playable"]);

    await ingest(pullComplete(taskId, fileId));
    expect(await db.prisma.upload.findFirstOrThrow({ where: { fileId } })).toMatchObject({ id: pending.id });
    const messages = await messagesOf(pending.id);
    expect(messages).toMatchObject([
      { type: "upload.uploaded", sequence: 2, snapshot: { id: pending.id, fileId, notifyPrevStatus: "PENDING" } },
      { type: "upload.playable", sequence: 2 },
    ]);
    // The next change goes on numbering (the PullComplete's own no-op upsert took a number too), and playable is not
    // announced again.
    await ingest(v3Procedure(fileId));
    const next = (await messagesOf(pending.id)).slice(2);
    expect(next.map((m) => m.type)).toEqual(["upload.processed"]);
    expect(next[0]!.sequence).toBeGreaterThan(2);
  });
});
