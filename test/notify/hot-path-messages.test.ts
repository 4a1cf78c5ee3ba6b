// Notification messages written by the hot-path statement itself (issue 16 §2), on PostgreSQL through the real ingest
// path: one per change and subscribed endpoint, none for a duplicate or a no-op, numbered by a per-upload sequence,
// upload.playable once, review_completed, a group of two files, the endpoint's type filter, a replay that changes
// nothing, and one delivered end to end and verified with `standardwebhooks` as a receiver does.
// Bodies: Tencent's NewFileUpload / ProcedureStateChanged / FileDeleted (test/support/vod-payloads.ts, from the
// fixtures of test/fixtures/SOURCES.md) and ReviewAudioVideoComplete (test/fixtures v3/review-audio-video-complete).
import { Webhook } from "standardwebhooks";
import { createNotifyEndpoint, deleteNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { recordEvents } from "../../src/db/record-event.js";
import { recordEventsParams } from "../../src/db/record-events-param.js";
import { recordEventsSql } from "../../src/db/record-events-sql.js";
import { ingestEvent, prepareEvent } from "../../src/ingest/ingest-event.js";
import { replayEvent } from "../../src/ingest/replay-event.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { startTestWorker } from "./support/start-test-worker.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { testEndpoints } from "./support/test-endpoints.js";
import { startReceiver, waitFor } from "./support/receiver.js";

type Json = Record<string, any>;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const endpoint = testEndpoints(() => db);

let clock = Date.UTC(2025, 0, 1);
async function ingest(body: Json) {
  clock += 1000;
  return ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push", receivedAt: new Date(clock) });
}

async function messagesOf(fileId: string, endpointId?: string) {
  const result = await db.pool.query<{ eventType: string; sequence: string; endpointId: string; id: string }>(
    `SELECT m."eventType", m.sequence::text, m."endpointId", m.id::text FROM "NotifyMessage" m
     JOIN "Upload" u ON u.id = m."uploadId" WHERE u."fileId" = $1 AND ($2::text IS NULL OR m."endpointId" = $2)
     ORDER BY m.id`,
    [fileId, endpointId ?? null],
  );
  return result.rows.map((row) => ({ type: row.eventType, sequence: Number(row.sequence) }));
}

function reviewComplete(fileId: string, suggestion: "pass" | "review" | "block", taskId: string): Json {
  const body = loadFixture("v3/review-audio-video-complete") as Json;
  const task = body.ReviewAudioVideoCompleteEvent;
  task.Input.FileId = fileId;
  task.TaskId = taskId;
  task.Output.Suggestion = suggestion;
  for (const segment of task.Output.SegmentSet) segment.Suggestion = suggestion;
  return body;
}

describe("messages written by the hot-path statement", () => {
  test("an upload's life writes one message per change, numbered by a growing sequence, and none for a duplicate", async () => {
    const { id } = await endpoint();
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    const duplicate = await ingestEvent({ db }, { raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" });
    expect(duplicate.outcome).toBe("duplicate");
    await ingest(v3Procedure(fileId, "processing"));
    await ingest(v3Procedure(fileId));
    await ingest(v3FileDeleted(fileId));
    const messages = await messagesOf(fileId, id);
    expect(messages.map((m) => m.type)).toEqual([
      "upload.uploaded",
      "upload.playable",
      "upload.processing",
      "upload.processed",
      "upload.deleted",
    ]);
    const sequences = messages.map((m) => m.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences.slice(1)).size).toBe(sequences.length - 1);
  });

  test("a no-op event (an older task report after the newer one) writes nothing", async () => {
    await endpoint();
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    await ingest(v3Procedure(fileId));
    const before = await messagesOf(fileId);
    const stale = await ingest(v3Procedure(fileId, "processing"));
    expect(stale.outcome).toBe("applied");
    expect(await messagesOf(fileId)).toEqual(before);
  });

  test("upload.playable is announced once, and only to an endpoint subscribed to it", async () => {
    const all = await endpoint();
    const playableOnly = await endpoint(["upload.playable"]);
    const failedOnly = await endpoint(["upload.failed"]);
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    await ingest(v3Procedure(fileId));
    expect((await messagesOf(fileId, all.id)).filter((m) => m.type === "upload.playable")).toHaveLength(1);
    expect((await messagesOf(fileId, playableOnly.id)).map((m) => m.type)).toEqual(["upload.playable"]);
    expect(await messagesOf(fileId, failedOnly.id)).toEqual([]);
  });

  test("a kept verdict writes upload.review_completed; the same verdict again writes none", async () => {
    const { id } = await endpoint(["upload.review_completed"]);
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    await ingest(reviewComplete(fileId, "review", "125xxxx-ReviewAudioVideo-a"));
    await ingest(reviewComplete(fileId, "review", "125xxxx-ReviewAudioVideo-b"));
    await ingest(reviewComplete(fileId, "block", "125xxxx-ReviewAudioVideo-c"));
    expect((await messagesOf(fileId, id)).map((m) => m.type)).toEqual([
      "upload.review_completed",
      "upload.review_completed",
    ]);
  });

  test("a group of two files writes each file's messages in one statement", async () => {
    const { id } = await endpoint(["upload.uploaded"]);
    const [a, b] = [newFileId(), newFileId()];
    const inputs = [a, b].map((fileId) =>
      prepareEvent({ raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push", receivedAt: new Date() }),
    );
    await recordEvents(db, inputs);
    expect(await messagesOf(a, id)).toEqual([{ type: "upload.uploaded", sequence: 1 }]);
    expect(await messagesOf(b, id)).toEqual([{ type: "upload.uploaded", sequence: 1 }]);
  });

  test("no endpoint, no message; a disabled endpoint gets none", async () => {
    await endpoint([], "https://app.example/off", { enabled: false });
    const fileId = newFileId();
    await ingest(v3NewFileUpload(fileId));
    expect(await messagesOf(fileId)).toEqual([]);
  });

  test("a replay that changes nothing writes nothing", async () => {
    await endpoint();
    const fileId = newFileId();
    const first = await ingest(v3NewFileUpload(fileId));
    const before = await messagesOf(fileId);
    const eventId = BigInt((first as { eventId: string }).eventId);
    await replayEvent({ db }, eventId);
    expect(await messagesOf(fileId)).toEqual(before);
  });

  test("a change is delivered to a receiver that verifies it with standardwebhooks, with the status API's JSON", async () => {
    const receiver = await startReceiver();
    const { secret } = await endpoint(["upload.uploaded"], receiver.url);
    const worker = await startTestWorker(db);
    try {
      const fileId = newFileId();
      await ingest(v3NewFileUpload(fileId));
      const [received] = await waitFor(() => (receiver.received.length ? receiver.received : undefined));
      const verified = new Webhook(secret).verify(received!.body, {
        "webhook-id": received!.headers["webhook-id"] as string,
        "webhook-timestamp": received!.headers["webhook-timestamp"] as string,
        "webhook-signature": received!.headers["webhook-signature"] as string,
      }) as Json;
      expect(verified).toMatchObject({
        type: "upload.uploaded",
        data: { fileId, status: "UPLOADED", previousStatus: null, sequence: 1, ready: { playable: true } },
      });
      expect(verified.data.outputs).toBeDefined();
    } finally {
      worker.stop();
      await worker.done;
      await receiver.close();
    }
  });
});

describe("what a message costs the hot path", () => {
  test("a change's messages to an endpoint carry the upload's snapshot once, and each is delivered with that change's data", async () => {
    const receiver = await startReceiver();
    const { id, secret } = await endpoint([], receiver.url);
    const fileId = newFileId();
    // Both changes before any delivery: the second message of the first change is rendered after the upload moved on,
    // from its sibling's snapshot, not from the row as it is now.
    await ingest(v3NewFileUpload(fileId));
    await ingest(v3Procedure(fileId));
    const stored = await db.pool.query<{ eventType: string; sequence: string; hasSnapshot: boolean }>(
      `SELECT m."eventType", m.sequence::text, m.snapshot IS NOT NULL AS "hasSnapshot" FROM "NotifyMessage" m
       JOIN "Upload" u ON u.id = m."uploadId" WHERE u."fileId" = $1 AND m."endpointId" = $2 ORDER BY m.id`,
      [fileId, id],
    );
    expect(stored.rows).toEqual([
      { eventType: "upload.uploaded", sequence: "1", hasSnapshot: true },
      { eventType: "upload.playable", sequence: "1", hasSnapshot: false },
      { eventType: "upload.processed", sequence: "2", hasSnapshot: true },
    ]);
    const worker = await startTestWorker(db);
    try {
      const received = await waitFor(() => (receiver.received.length >= 3 ? receiver.received : undefined));
      const bodies = received.map(
        (r) =>
          new Webhook(secret).verify(r.body, {
            "webhook-id": r.headers["webhook-id"] as string,
            "webhook-timestamp": r.headers["webhook-timestamp"] as string,
            "webhook-signature": r.headers["webhook-signature"] as string,
          }) as Json,
      );
      const byType = Object.fromEntries(bodies.map((body) => [body.type, body.data]));
      expect(byType["upload.uploaded"]).toMatchObject({ status: "UPLOADED", previousStatus: null, sequence: 1 });
      expect(byType["upload.playable"]).toMatchObject({ status: "UPLOADED", previousStatus: null, sequence: 1 });
      expect(byType["upload.processed"]).toMatchObject({
        status: "PROCESSED",
        previousStatus: "UPLOADED",
        sequence: 2,
      });
      expect(received).toHaveLength(3);
    } finally {
      worker.stop();
      await worker.done;
      await receiver.close();
    }
  });

  test("an endpoint deleted while a statement writes its messages waits for it and leaves none behind", async () => {
    const { endpoint: doomed } = await createNotifyEndpoint(db, {
      url: "https://app.example/doomed",
      secret: generateSecret(),
      eventTypes: ["upload.uploaded"],
    });
    const fileId = newFileId();
    const input = prepareEvent({ raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" });
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(recordEventsSql, recordEventsParams([input]));
      let deleted = false;
      const deleting = deleteNotifyEndpoint(db, doomed.id).then(() => (deleted = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(deleted).toBe(false);
      await client.query("COMMIT");
      await deleting;
    } finally {
      client.release();
    }
    const left = await db.pool.query(`SELECT 1 FROM "NotifyMessage" WHERE "endpointId" = $1`, [doomed.id]);
    expect(left.rowCount).toBe(0);
    expect(await messagesOf(fileId)).toEqual([]);
  });
});
