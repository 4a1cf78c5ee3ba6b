// What a successful PullComplete does before its event is applied (record-pull-event.ts): the PENDING upload
// POST /v1/uploads/pull started carries the pull TaskId and no FileId; the PullComplete names the FileId. Its row
// takes the FileId, so the hot path's upsert by FileId lands on it — the row whose id the app holds. When an event
// about that FileId came first (a NewFileUpload, a review) and made a row of its own, that row is folded into the
// pending one and removed, as CommitUpload's answer does for ApplyUpload (attach-file-id.ts, merge-committed.ts):
// what the events said wins over what the pending row held, ranks only rise, metadata is merged.
// Three statements in the caller's transaction, each row locked before it is changed.
// Notifications (issue 16): without an early row the pending row only takes the FileId, and the hot path's statement
// then writes `upload.uploaded` (PENDING → UPLOADED) for the app's id. With one, the fold itself changes what the app
// sees (PENDING → the early row's status, maybe playable, maybe a verdict) and the hot path would then see no change:
// so the fold writes those messages for the app's id, with the hot path's bookkeeping (record-events-sql.ts), in
// the same statement. The early row's own messages went out under its id; the sequence continues past them.
import { eventColumns } from "../uploads/upload-columns.js";
import { pullKey } from "./pull-key-sql.js";
import { notifyChannel, rank, writeMessages } from "./record-events-sql.js";

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

const mergedOf = (column: string) => merged[mergedColumns.indexOf(column as (typeof mergedColumns)[number])] as string;
const folded = (value: string, column: string) => `CASE WHEN $3::jsonb IS NULL THEN u."${column}" ELSE ${value} END`;
// Flag 4: playable (readiness.ts: the early row's flag covers its outputs), 2: a verdict was kept; never 1, a PENDING
// row was never playable. The hot path's next SET turns 4 into 5.
const foldedFlags = `(CASE WHEN (${mergedOf("status")}) NOT IN ('PENDING', 'DELETED')
      AND (coalesce(e."notifyFlags", 0) & 4 = 4 OR (${mergedOf("mediaUrl")}) <> '') THEN 4 ELSE 0 END)
    + (CASE WHEN e."reviewStatus" IN ('pass', 'review', 'block') THEN 2 ELSE 0 END)`;
const notifyColumns: Array<[string, string]> = [
  ["notifySequence", folded(`greatest(u."notifySequence", coalesce(e."notifySequence", 0)) + 1`, "notifySequence")],
  ["notifyPrevStatus", folded("u.status", "notifyPrevStatus")],
  ["notifyFlags", folded(foldedFlags, "notifyFlags")],
];

/** $1 = the pending upload's id, $2 = the FileId, $3 = the early row (jsonb) or NULL. Answers how many notification
 *  messages the fold wrote. */
export const attachPulledFileSql = `WITH attached AS (
  UPDATE "Upload" AS u SET ("fileId", ${[...mergedColumns, ...notifyColumns.map(([c]) => c)].map((c) => `"${c}"`).join(", ")}) = (
    SELECT $2::text, ${[...merged, ...notifyColumns.map(([, value]) => value)].join(",\n      ")}
    FROM jsonb_populate_record(NULL::"Upload", $3::jsonb) AS e)
  WHERE u.id = $1
  RETURNING u.*
), up AS (
  SELECT * FROM attached WHERE $3::jsonb IS NOT NULL
), msg AS (
  ${writeMessages}
)
SELECT (SELECT count(*)::int FROM msg) AS "messages",
       (SELECT count(pg_notify('${notifyChannel}', '')) FROM (SELECT 1 FROM msg LIMIT 1) w) AS "notified"`;
