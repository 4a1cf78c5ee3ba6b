// A PullComplete that made no file (ErrCode 40000, 60000, 70000, …) names its upload by pull TaskId only
// (record-pull-event.ts runs this after recording the event, only when the event was new). The uploads of that task
// still without a FileId — the PENDING row POST /v1/uploads/pull started — become FAILED with the code and message
// (a status only rises: one already FAILED stays so); one that has a file (the pull succeeded after all, or a
// NewFileUpload said so) keeps its state. A task we never started gets a row of its own, keyed by the TaskId, as
// every early event does: FAILED, no FileId.
// $1 pull TaskId, $2 ErrCode, $3 Message, $4 when it arrived, $5 the id for a new row. Answers the rows touched.
import { pullKey } from "./pull-key-sql.js";

export const failPullSql = `WITH found AS (
  UPDATE "Upload" AS u SET
    status = CASE WHEN u."fileId" IS NULL AND u.status = 'PENDING' THEN 'FAILED'::"UploadStatus" ELSE u.status END,
    "pullErrCode" = CASE WHEN u."fileId" IS NULL THEN $2::int ELSE u."pullErrCode" END,
    "pullMessage" = CASE WHEN u."fileId" IS NULL THEN $3::text ELSE u."pullMessage" END,
    "updatedAt" = CASE WHEN u."fileId" IS NULL THEN $4::timestamptz ELSE u."updatedAt" END
  WHERE ${pullKey('u."pullTaskId"')} = ${pullKey("$1::text")} AND u."pullTaskId" IS NOT NULL
  RETURNING u.id, u."fileId", u.status
), made AS (
  INSERT INTO "Upload" (id, status, "pullTaskId", "pullErrCode", "pullMessage", metadata, "createdAt", "updatedAt")
  SELECT $5::text, 'FAILED', $1::text, $2::int, $3::text, '{}'::jsonb, $4::timestamptz, $4::timestamptz
  WHERE NOT EXISTS (SELECT 1 FROM found)
  RETURNING id, "fileId", status
)
SELECT id, "fileId", status::text FROM found UNION ALL SELECT id, "fileId", status::text FROM made`;
