// A PullComplete that made no file (ErrCode 40000, 60000, 70000, …) names its upload by pull TaskId only
// (record-pull-event.ts runs this after recording the event, only when the event was new). The uploads of that task
// still without a FileId — the PENDING row POST /v1/uploads/pull started — become FAILED with the code and message
// (a status only rises: one already FAILED stays so); one that has a file (the pull succeeded after all, or a
// NewFileUpload said so) keeps its state. A task we never started gets a row of its own, keyed by the TaskId, as
// every early event does: FAILED, no FileId.
// Notifications (issue 16): the same bookkeeping as the hot path's SET (record-events-sql.ts) on the rows the failure
// applies to — sequence + 1, the status before, the playable flags — and its `msg` step over them, in this one
// statement, so `upload.failed` exists exactly when the FAILED committed; pg_notify at commit when it wrote some.
// $1 pull TaskId, $2 ErrCode, $3 Message, $4 when it arrived, $5 the id for a new row. Answers one row: the uploads
// touched (id, fileId, status) and how many messages were written.
import { pullKey } from "./pull-key-sql.js";
import { notifyChannel, writeMessages } from "./record-events-sql.js";

const failed = `(CASE WHEN u.status = 'PENDING' THEN 'FAILED'::"UploadStatus" ELSE u.status END)`;
// Flag 4: playable now or before (readiness.ts); 1: it had been before this change. A row without a file has no
// outputs, so its own URL is the whole question.
const flags = `(CASE WHEN coalesce(u."notifyFlags", 0) & 4 = 4 THEN 5
    WHEN ${failed} NOT IN ('PENDING', 'DELETED') AND u."mediaUrl" <> '' THEN 4 ELSE 0 END)`;
const whenNoFile = (value: string, column: string) =>
  `CASE WHEN u."fileId" IS NULL THEN ${value} ELSE u."${column}" END`;

export const failPullSql = `WITH found AS (
  UPDATE "Upload" AS u SET
    status = ${whenNoFile(failed, "status")},
    "pullErrCode" = ${whenNoFile("$2::int", "pullErrCode")},
    "pullMessage" = ${whenNoFile("$3::text", "pullMessage")},
    "updatedAt" = ${whenNoFile("$4::timestamptz", "updatedAt")},
    "notifySequence" = ${whenNoFile(`u."notifySequence" + 1`, "notifySequence")},
    "notifyPrevStatus" = ${whenNoFile("u.status", "notifyPrevStatus")},
    "notifyFlags" = ${whenNoFile(flags, "notifyFlags")}
  WHERE ${pullKey('u."pullTaskId"')} = ${pullKey("$1::text")} AND u."pullTaskId" IS NOT NULL
  RETURNING u.*
), made AS (
  INSERT INTO "Upload" (id, status, "pullTaskId", "pullErrCode", "pullMessage", metadata, "createdAt", "updatedAt",
                        "notifySequence", "notifyFlags")
  SELECT $5::text, 'FAILED', $1::text, $2::int, $3::text, '{}'::jsonb, $4::timestamptz, $4::timestamptz, 1, 0
  WHERE NOT EXISTS (SELECT 1 FROM found)
  RETURNING *
), up AS (
  -- The rows the failure changed (a row that has its file was left as it was).
  SELECT * FROM found WHERE "fileId" IS NULL UNION ALL SELECT * FROM made
), msg AS (
  ${writeMessages}
)
SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'fileId', t."fileId", 'status', t.status)), '[]'::jsonb)
        FROM (SELECT id, "fileId", status FROM found UNION ALL SELECT id, "fileId", status FROM made) t) AS "touched",
       (SELECT count(*)::int FROM msg) AS "messages",
       (SELECT count(pg_notify('${notifyChannel}', '')) FROM (SELECT 1 FROM msg LIMIT 1) w) AS "notified"`;
