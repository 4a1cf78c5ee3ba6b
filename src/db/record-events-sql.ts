// The hot path as ONE SQL statement for a group of events (DESIGN §10): record each event (dedupe by key: a
// duplicate is a row count, not an exception) and, for those that were new, upsert every upload they name with
// the status rule of src/uploads/apply-event.ts written in SQL. One round trip, one implicit transaction; row
// locks taken by ON CONFLICT serialise concurrent replicas and workers per FileId.
//
// Everything travels as ONE jsonb parameter ($1 = {"items": [...], "files": [...]}): one value to serialise and
// bind whatever the group's size (record-event.ts sends it); each item carries its raw payload spliced in as received.
// record-event.ts runs these as named prepared statements: parsing and planning this text cost PostgreSQL ~3 ms,
// more than executing a group of 32 (issue 13). Two variants of the hot path, both built here at module load: the
// VodEventFile links step only when the group has an event naming several FileIds (rare), because even an empty
// INSERT opens its table and indexes in every statement.
// jsonb_to_recordset turns the JSON into typed rows once. ON CONFLICT DO UPDATE cannot see the SELECT's columns,
// so the update reads its patch back with a sub-SELECT keyed by the proposed row's (fresh, unique) id.
// A group must not name one dedupe key or FileId twice (a row cannot be updated twice by one statement).
// replayEventsSql, at the end, is the same rule for admin replay of a stored event (channel `replay`): it applies
// even though the dedupe key is taken, changes an upload only when the rule moves it, and records only such a replay.
import { procedureRank, statusRank } from "../uploads/status-rank.js";
import { eventColumns, mediaColumns, uploadColumns, type RuleColumn } from "../uploads/upload-columns.js";
import { uploadStatuses } from "../uploads/upload-state.js";

const rank = (expr: string) =>
  `(CASE ${expr}::text ${uploadStatuses.map((status) => `WHEN '${status}' THEN ${statusRank[status]}`).join(" ")} END)`;
const procRank = (expr: string) =>
  `(CASE WHEN ${expr} IS NULL THEN ${procedureRank(null)} WHEN ${expr} = 'FINISH' THEN ${procedureRank("FINISH")} ELSE ${procedureRank("PROCESSING")} END)`;

const eventTime = `coalesce(p."finishedAt", p."receivedAt")`;
const wins = `(CASE WHEN p.kind IS DISTINCT FROM 'procedure' THEN false
    WHEN ${procRank('p."procedureStatus"')} <> ${procRank('u."procedureStatus"')} THEN ${procRank('p."procedureStatus"')} > ${procRank('u."procedureStatus"')}
    ELSE (p."procedureStatus" <> 'FINISH' OR u."procedureAt" IS NULL OR ${eventTime} >= u."procedureAt") END)`;
const finishWins = `(${wins} AND p."procedureStatus" = 'FINISH')`;
const nextStatus = `(CASE WHEN p.target IS NULL THEN u.status
    WHEN ${rank("p.target")} > ${rank("u.status")} THEN p.target::"UploadStatus"
    WHEN ${rank("p.target")} = ${statusRank.PROCESSED} AND ${rank("u.status")} = ${statusRank.PROCESSED} AND ${wins} THEN p.target::"UploadStatus"
    ELSE u.status END)`;

const int8 = (column: string) => `(CASE WHEN p."${column}" ~ '^[0-9]{1,18}$' THEN p."${column}"::bigint END)`;
const merge = (column: string, incoming: string) =>
  `CASE p.kind WHEN 'upload' THEN coalesce(${incoming}, u."${column}") WHEN 'procedure' THEN coalesce(u."${column}", ${incoming}) ELSE u."${column}" END`;
const metadata = `coalesce(p.metadata, '{}'::jsonb)`;
const results = `(CASE WHEN jsonb_typeof(p."procedureResults") = 'array' THEN jsonb_build_object('procedureResults', p."procedureResults") ELSE '{}'::jsonb END)`;
const deletedParts = `(CASE WHEN jsonb_typeof(p."deletedParts") = 'array' THEN jsonb_build_object('deletedParts', p."deletedParts") ELSE '{}'::jsonb END)`;

/** Column ← [expression for a new row (no u), expression for an existing row u]: every "rule" column, no more. */
const ruleColumns: Record<RuleColumn, [string, string]> = {
  status: [`coalesce(p.target, 'UPLOADED')::"UploadStatus"`, nextStatus],
  metadata: [
    `CASE p.kind WHEN 'procedure' THEN ${metadata} || ${results} WHEN 'delete' THEN ${deletedParts} ELSE ${metadata} END`,
    `CASE p.kind WHEN 'upload' THEN u.metadata || ${metadata}
       WHEN 'procedure' THEN ${metadata} || u.metadata || (CASE WHEN ${wins} THEN ${results} ELSE '{}'::jsonb END)
       ELSE u.metadata || ${deletedParts} END`,
  ],
  procedureTaskId: [
    `p."procedureTaskId"`,
    `CASE WHEN p.kind = 'delete' THEN u."procedureTaskId" WHEN p.kind = 'upload' OR ${wins} THEN coalesce(p."procedureTaskId", u."procedureTaskId")
       ELSE coalesce(u."procedureTaskId", p."procedureTaskId") END`,
  ],
  procedureStatus: [`p."procedureStatus"`, `CASE WHEN ${wins} THEN p."procedureStatus" ELSE u."procedureStatus" END`],
  procedureErrCode: [
    `p."procedureErrCode"`,
    `CASE WHEN ${wins} THEN p."procedureErrCode" ELSE u."procedureErrCode" END`,
  ],
  procedureMessage: [
    `p."procedureMessage"`,
    `CASE WHEN ${wins} THEN p."procedureMessage" ELSE u."procedureMessage" END`,
  ],
  procedureAt: [
    `CASE WHEN p."procedureStatus" = 'FINISH' THEN ${eventTime} END`,
    `CASE WHEN ${finishWins} THEN ${eventTime} ELSE u."procedureAt" END`,
  ],
  processedAt: [
    `CASE WHEN p."procedureStatus" = 'FINISH' THEN ${eventTime} END`,
    `CASE WHEN ${finishWins} THEN ${eventTime} ELSE u."processedAt" END`,
  ],
  uploadedAt: [
    `CASE WHEN p.kind = 'upload' THEN coalesce(p."occurredAt", p."receivedAt") END`,
    `CASE WHEN p.kind = 'upload' THEN coalesce(u."uploadedAt", p."occurredAt", p."receivedAt") ELSE u."uploadedAt" END`,
  ],
  deletedAt: [
    `CASE WHEN p.target = 'DELETED' THEN p."receivedAt" END`,
    `CASE WHEN p.target = 'DELETED' THEN coalesce(u."deletedAt", p."receivedAt") ELSE u."deletedAt" END`,
  ],
  updatedAt: [`p."receivedAt"`, `p."receivedAt"`],
};

/** [column, fresh, update] for every column an event may change but the FileId (the conflict key). */
const columns = eventColumns.flatMap((column): Array<[string, string, string]> => {
  if (column === "fileId") return [];
  if (uploadColumns[column].event === "rule") return [[column, ...ruleColumns[column as RuleColumn]]];
  // A media column: the event's value, the int8 one checked as the TypeScript rule checks it (upload-patch.ts).
  const incoming = uploadColumns[column].kind === "bigint" ? int8(column) : `p."${column}"`;
  return [[column, incoming, merge(column, incoming)]];
});

const itemColumns = `i int, "dedupeKey" text, "eventType" text, format text, channel text, "eventFileId" text,
  "eventTaskId" text, payload jsonb, "payloadText" text, outcome text, error text, "receivedAt" timestamptz, kind text,
  ${mediaColumns.map((c) => `"${c}" text`).join(", ")}, metadata jsonb, "procedureTaskId" text,
  "procedureStatus" text, "procedureErrCode" int, "procedureMessage" text, "procedureResults" jsonb,
  "finishedAt" timestamptz, "occurredAt" timestamptz`;

const filesFrom = `jsonb_to_recordset($1::jsonb -> 'files') AS f(i int, id text, "fileId" text, target text, "deletedParts" jsonb)`;

/** The `up` step shared by both statements: insert or update every file of the group with the rule's columns. */
function upsertUploads(rule: Array<[string, string, string]>, guard = ""): string {
  return `INSERT INTO "Upload" AS u ("id", "fileId", "createdAt", ${rule.map(([c]) => `"${c}"`).join(", ")})
  SELECT p.id, p."fileId", p."receivedAt", ${rule.map(([, fresh]) => fresh).join(",\n         ")}
  FROM files p
  ORDER BY p."fileId" -- one lock order for every statement: concurrent groups cannot deadlock
  ON CONFLICT ("fileId") DO UPDATE SET (${rule.map(([c]) => `"${c}"`).join(", ")}) = (
    SELECT ${rule.map(([, , update]) => update).join(",\n           ")}
    FROM files p WHERE p.id = EXCLUDED.id)
  ${guard}
  RETURNING u."fileId", u."status"`;
}

/** The `links` step: an event naming several FileIds (a FileDeleted of many files) is linked to each FileId besides
 *  its own VodEvent.fileId, so that every one of those files' timelines shows it (src/db/list-upload-events.ts). */
const linkOtherFiles = `INSERT INTO "VodEventFile" ("fileId", "eventId")
  SELECT p."fileId", ev.id FROM files p JOIN ev ON ev."dedupeKey" = p."dedupeKey"
  WHERE p."fileId" IS DISTINCT FROM p."eventFileId"
  ON CONFLICT DO NOTHING`;

const answer = `SELECT (SELECT coalesce(jsonb_object_agg("dedupeKey", id::text), '{}'::jsonb) FROM ev) AS "eventIds",
       (SELECT coalesce(jsonb_object_agg("fileId", "status"), '{}'::jsonb) FROM up) AS "statuses"`;

function recordEventsStatement(links: boolean): string {
  return `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(${itemColumns})
), ev AS (
  INSERT INTO "VodEvent" ("dedupeKey", "eventType", "format", "channel", "fileId", "procedureTaskId", "payload",
                          "payloadText", "outcome", "error", "receivedAt")
  SELECT "dedupeKey", "eventType", format, channel, "eventFileId", "eventTaskId", payload, "payloadText", outcome,
         error, "receivedAt" FROM items
  ORDER BY "dedupeKey" -- one lock order for every statement: concurrent groups cannot deadlock
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id, "dedupeKey"
), files AS (
  SELECT f.id, f."fileId", f.target, f."deletedParts", items.*
  FROM ${filesFrom}
  JOIN items ON items.i = f.i
  WHERE items."dedupeKey" IN (SELECT "dedupeKey" FROM ev)
), up AS (
  ${upsertUploads(columns)}
)${
    links
      ? `, links AS (
  ${linkOtherFiles}
)`
      : ""
  }
${answer}`;
}

/** The hot path for a group in which every event names at most its own FileId (VodEvent.fileId). */
export const recordEventsSql = recordEventsStatement(false);
/** The hot path for a group with an event naming FileIds besides its own: also links it to each of them. */
export const recordEventsWithLinksSql = recordEventsStatement(true);

// Admin replay (channel `replay`) of an event that is already stored: its dedupe key is taken, so the hot path
// above would answer `duplicate` and apply nothing — yet replay exists to repair an upload whose state was lost,
// or to apply an event stored `invalid` before a parser fix. So a replay applies its patch whatever the VodEvent
// table holds, with the same rule and the event's ORIGINAL receivedAt (the rule's arrival time: a replayed old
// task result must not beat a later one), but rewrites an upload only when the rule changes one of its columns
// (updatedAt aside): replaying an event whose effect is in place changes nothing. Only a replay that changed an
// upload is recorded, as a new VodEvent row with channel `replay` (its key, unique per replay, is made by the
// caller; receivedAt and the upload's updatedAt = replayedAt, when the replay ran). Idempotent by state: a second
// replay finds nothing to change. Concurrent replays of one file serialise on the upload's row lock, and the loser
// re-evaluates the guard against the winner's row (READ COMMITTED), so one loss is repaired and recorded once.
const replayColumns = columns.map(([c, fresh, update]): [string, string, string] =>
  c === "updatedAt" ? [c, `p."replayedAt"`, `p."replayedAt"`] : [c, fresh, update],
);
const guarded = replayColumns.filter(([c]) => c !== "updatedAt");

export const replayEventsSql = `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(${itemColumns}, "replayedAt" timestamptz, "replayOf" bigint)
), files AS (
  SELECT f.id, f."fileId", f.target, f."deletedParts", items.*
  FROM ${filesFrom}
  JOIN items ON items.i = f.i
), up AS (
  ${upsertUploads(
    replayColumns,
    `WHERE (SELECT ROW(${guarded.map(([, , update]) => update).join(",\n           ")})
           IS DISTINCT FROM ROW(${guarded.map(([c]) => `u."${c}"`).join(", ")})
         FROM files p WHERE p.id = EXCLUDED.id)`,
  )}
), ev AS (
  INSERT INTO "VodEvent" ("dedupeKey", "eventType", "format", "channel", "fileId", "procedureTaskId", "payload",
                          "payloadText", "outcome", "error", "receivedAt", "replayOf")
  SELECT "dedupeKey", "eventType", format, channel, "eventFileId", "eventTaskId", payload, "payloadText", outcome,
         error, "replayedAt", "replayOf" FROM items
  WHERE EXISTS (SELECT 1 FROM files p JOIN up ON up."fileId" = p."fileId" WHERE p.i = items.i)
  RETURNING id, "dedupeKey"
), links AS (
  ${linkOtherFiles}
)
${answer}`;
