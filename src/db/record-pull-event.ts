// A PullComplete (issue 15), in a transaction of its own: PullComplete is rare (one per pull upload), and unlike
// every other event it may have to find its upload by pull TaskId rather than FileId. The group's statement is not
// touched: plain groups keep their prepared statements and parameters (record-event.ts sends pulls here).
// - Success (a FileId): the PENDING upload of the task takes the FileId, folding in a row events about that file
//   made first (attach-pulled-file-sql.ts); then the event is recorded and applied by the hot path's own statement,
//   so a PullComplete lands as a NewFileUpload does (UPLOADED, media, SourceContext, …) plus the pull's TaskId.
// - Failure (no FileId): the event is recorded by the same statement (it names no file), then, if it was new, the
//   task's upload is marked FAILED, or created FAILED when we never started the task (fail-pull-sql.ts).
// A redelivery records nothing and changes nothing (the attach step finds no upload still without a file).
// Races: POST /v1/uploads/pull may insert its PENDING row for the task while we create one (23505 on the pull TaskId
// index), an event may create the FileId's row after we looked (23505 on fileId): the transaction is run again, and
// then finds what the other party wrote. A deadlock is retried like the hot path's (retry-on-conflict.ts).
import type pg from "pg";
import type { Db } from "./db.js";
import { newUploadId } from "../uploads/upload-ref.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { attachPulledFileSql, findPendingPullSql, takeEarlyRowSql } from "./attach-pulled-file-sql.js";
import { failPullSql } from "./fail-pull-sql.js";
import type { RecordEventInput } from "./record-event-input.js";
import type { RecordEventResult } from "./record-event-input.js";
import { recordEventsParams } from "./record-events-param.js";
import { recordEventsStatement } from "./record-events-sql.js";
import { retryOnConflict } from "./retry-on-conflict.js";
import { messagesWritten } from "./messages-written.js";
import { notifyWaitedRefsSql } from "./notify-waited-uploads-sql.js";
import { uploadsChanged } from "./uploads-changed.js";
import { statementAnswer, type AnswerRow } from "./statement-answer.js";
import type { Steps } from "./statement-steps.js";

const ATTEMPTS = 3;

export async function recordPullEvent(db: Db, input: RecordEventInput, steps: Steps): Promise<RecordEventResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await retryOnConflict(() => recordOnce(db.pool, input, steps));
    } catch (error) {
      // 23505 unique_violation: another party wrote the row we were about to; the next try finds it.
      if ((error as { code?: unknown }).code !== "23505" || attempt >= ATTEMPTS) throw error;
    }
  }
}

interface FailAnswer {
  touched: Array<{ id: string; fileId: string | null; status: UploadStatus }>;
  messages: number;
}

async function recordOnce(pool: pg.Pool, input: RecordEventInput, steps: Steps): Promise<RecordEventResult> {
  const patch = input.patch;
  const pull = patch?.pull;
  if (!patch || !pull) throw new Error("recordPullEvent takes a PullComplete's patch");
  const fileId = patch.kind === "upload" ? (patch.files[0]?.fileId ?? null) : null;
  const client = await pool.connect();
  // Notification messages written by the transaction's statements: this process's workers are woken after COMMIT.
  let messages = 0;
  // Uploads changed here that the statement's own NOTIFY cannot name: long polls wait on them by upload id too.
  const changed: string[] = [];
  try {
    await client.query("BEGIN");
    if (fileId !== null) {
      const [pending] = (await client.query<{ id: string }>(findPendingPullSql, [pull.taskId])).rows;
      if (pending) {
        const [early] = (await client.query<{ row: unknown }>(takeEarlyRowSql, [fileId, pending.id])).rows;
        const attached = await client.query<{ messages: number }>(attachPulledFileSql, [
          pending.id,
          fileId,
          early ? JSON.stringify(early.row) : null,
        ]);
        messages += attached.rows[0]?.messages ?? 0;
        changed.push(pending.id);
      }
    }
    const [row] = (await client.query<AnswerRow>(recordEventsStatement(steps), recordEventsParams([input]))).rows;
    const answer = statementAnswer(row);
    messages += answer.messages;
    const eventId = answer.eventIds.get(input.row.dedupeKey) ?? null;
    const result: RecordEventResult = { eventId, uploads: [] };
    if (eventId !== null && fileId !== null) {
      const status = answer.statuses.get(fileId);
      if (status) result.uploads.push({ fileId, status });
    }
    if (eventId !== null && fileId === null) {
      const [failed] = (
        await client.query<FailAnswer>(failPullSql, [
          pull.taskId,
          pull.errCode,
          pull.message,
          input.receivedAt,
          newUploadId(),
        ])
      ).rows;
      messages += failed?.messages ?? 0;
      const [first] = failed?.touched ?? [];
      changed.push(...(failed?.touched ?? []).map((upload) => upload.id));
      if (first) result.pulled = { id: first.id, fileId: first.fileId, status: first.status };
    }
    if (changed.length) await client.query(notifyWaitedRefsSql, [changed]);
    await client.query("COMMIT");
    if (messages > 0) messagesWritten(pool);
    uploadsChanged(pool, fileId === null ? changed : [fileId, ...changed]);
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
