// Admin replay (channel `replay`) of an event that is already stored: its dedupe key is taken, so the hot path
// (record-events-sql.ts) would answer `duplicate` and apply nothing — yet replay exists to repair an upload whose
// state was lost, or to apply an event stored `invalid` before a parser fix. So a replay applies its patch whatever
// the VodEvent table holds, with the same rule and the event's ORIGINAL receivedAt (the rule's arrival time: a
// replayed old task result must not beat a later one), but rewrites an upload only when the rule changes one of its
// columns (updatedAt aside): replaying an event whose effect is in place changes nothing. Only a replay that changed
// an upload is recorded, as a new VodEvent row with channel `replay` (its key, unique per replay, is made by the
// caller; receivedAt and the upload's updatedAt = replayedAt, when the replay ran). Idempotent by state: a second
// replay finds nothing to change. Concurrent replays of one file serialise on the upload's row lock, and the loser
// re-evaluates the guard against the winner's row (READ COMMITTED), so one loss is repaired and recorded once.
// Outputs, tasks and partial deletes are written again under the replayed event's own id (replayOf) and arrival
// time, so they take the place the original had in the order of results (output-steps-sql.ts): a replay rewrites
// a lost row and leaves one in place. Replays are rare: one statement runs every step.
import { partialDeleteSteps } from "./output-steps-sql.js";
import {
  answer,
  columnsOf,
  derivedColumn,
  fileColumns,
  filesFrom,
  itemColumnsOf,
  linkOtherFiles,
  outputSteps,
  storedPayload,
  upsertUploads,
  writeMessages,
} from "./record-events-sql.js";
import { allSteps as steps } from "./statement-steps.js";

const replayColumns = columnsOf(steps).map(([c, fresh, update]): [string, string, string] =>
  c === "updatedAt" ? [c, `p."replayedAt"`, `p."replayedAt"`] : [c, fresh, update],
);
const guarded = [...replayColumns.filter(([c]) => c !== "updatedAt"), derivedColumn];

// Without replayOf (a caller that names no stored event), outputs rank first among equals and a delete reaches all.
export const replayEventsSql = `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(${itemColumnsOf(steps)}, "replayedAt" timestamptz, "replayOf" bigint)
), files AS (
  SELECT ${fileColumns(steps)}, items.*
  FROM ${filesFrom(steps)}
  JOIN items ON items.i = f.i
), up AS (
  ${upsertUploads(
    replayColumns,
    steps,
    `WHERE (SELECT ROW(${guarded.map(([, , update]) => update).join(",\n           ")})
           IS DISTINCT FROM ROW(${guarded.map(([c]) => `u."${c}"`).join(", ")})
         FROM files p WHERE p.id = EXCLUDED.id)`,
  )}
), msg AS (
  ${writeMessages}
), ev AS (
  INSERT INTO "VodEvent" ("dedupeKey", "eventType", "format", "channel", "fileId", "procedureTaskId", "payloadText",
                          "outcome", "error", "receivedAt", "replayOf")
  SELECT "dedupeKey", "eventType", format, channel, "eventFileId", "eventTaskId", ${storedPayload}, outcome, error,
         "replayedAt", "replayOf" FROM items
  WHERE EXISTS (SELECT 1 FROM files p JOIN up ON up."fileId" = p."fileId" WHERE p.i = items.i)
  RETURNING id, "dedupeKey"
), links AS (
  ${linkOtherFiles}
)${outputSteps(steps, { join: "", eventId: `coalesce(items."replayOf", 0)`, writtenAt: `items."replayedAt"` })}${partialDeleteSteps(
  `(SELECT "fileId", "deletedParts", coalesce("replayOf", 9223372036854775807) AS "eventId", "receivedAt" AS "deletedAt"
    FROM files WHERE "deletedParts" IS NOT NULL)`,
)}
${answer}`;
