// What a successful PullComplete does before its event is applied (record-pull-event.ts): the PENDING upload
// POST /v1/uploads/pull started carries the pull TaskId and no FileId; the PullComplete names the FileId. Its row
// takes the FileId, so the hot path's upsert by FileId lands on it — the row whose id the app holds. When an event
// about that FileId came first (a NewFileUpload, a review) and made a row of its own, that row is folded into the
// pending one and removed, as CommitUpload's answer does for ApplyUpload (attach-file-id.ts, merge-committed.ts):
// what the events said wins over what the pending row held, ranks only rise, metadata is merged.
// Three statements in the caller's transaction, each row locked before it is changed.
import { eventColumns } from "../uploads/upload-columns.js";
import { pullKey } from "./pull-key-sql.js";
import { rank } from "./record-events-sql.js";

/** $1 = the pull TaskId: the oldest upload of that task still without a FileId, locked. */
export const findPendingPullSql = `SELECT id FROM "Upload"
  WHERE ${pullKey('"pullTaskId"')} = ${pullKey("$1::text")} AND "pullTaskId" IS NOT NULL AND "fileId" IS NULL
  ORDER BY "createdAt", id LIMIT 1 FOR UPDATE`;

/** $1 = the FileId, $2 = the pending upload's id: the row events made for the FileId, removed, as jsonb. */
export const takeEarlyRowSql = `DELETE FROM "Upload" WHERE "fileId" = $1 AND id <> $2 RETURNING to_jsonb("Upload".*) AS row`;

const merged = eventColumns.flatMap((column): string[] => {
  if (column === "fileId") return [];
  if (column === "status")
    return [`CASE WHEN ${rank("e.status")} > ${rank("u.status")} THEN e.status ELSE u.status END`];
  if (column === "metadata") return [`u.metadata || coalesce(e.metadata, '{}'::jsonb)`];
  if (column === "updatedAt") return [`greatest(u."updatedAt", e."updatedAt")`];
  // Every other column: the events' value, else the pending row's (the review and pull columns included: a
  // pending pull has no review; the early row has no pull TaskId).
  return [`coalesce(e."${column}", u."${column}")`];
});
const mergedColumns = eventColumns.filter((column) => column !== "fileId");

/** $1 = the pending upload's id, $2 = the FileId, $3 = the early row (jsonb) or NULL. */
export const attachPulledFileSql = `UPDATE "Upload" AS u SET ("fileId", ${mergedColumns.map((c) => `"${c}"`).join(", ")}) = (
    SELECT $2::text, ${merged.join(",\n      ")}
    FROM jsonb_populate_record(NULL::"Upload", $3::jsonb) AS e)
  WHERE u.id = $1`;
