// The steps of a statement that keep what VOD produced (issue 14): UploadOutput and UploadTask rows, and the
// outputs a partial delete removes. Shared by the hot path and admin replay (record-events-sql.ts) and by the
// backfill (rebuild-outputs-sql.ts), so the three write by one rule:
// - Results are ordered. An output's order is (coalesce(finishedAt, receivedAt), eventId): the task's finish time
//   where the event gives one, else its arrival, as the status rule does (DESIGN §3); a task's order puts its
//   status rank first (PROCESSING < FINISH: a status only rises). A result replaces the row only when it is not
//   older, and only when it changes a column (a replay or a second backfill rewrites nothing). A total order makes
//   the end state independent of arrival order, so the backfill over stored events ends where the hot path did.
// - eventId is the event that reported the result (for a replay, the replayed one: replay keeps the original id).
// - A partial delete (FileDeleted DeleteParts) removes the outputs of the kinds it names whose order time
//   (coalesce(finishedAt, receivedAt)) is not after the delete's arrival, and keeps that time as a tombstone
//   (UploadOutputDeletion) that a later report of such an output meets: a late or redelivered result of a deleted
//   output stays deleted, whichever of the two arrived first; a result finished after the delete (a new
//   transcode) is kept. Definition 0 or absent is every output of that kind (MediaDeleteItem, DeleteMedia:
//   https://www.tencentcloud.com/document/api/266/37571). Removing every transcode also removes the covers: "取值为
//   TranscodeFiles时,媒体处理产生的封面文件会被删除" (the SDK's MediaDeleteItem.Type comment); we read it as the
//   whole kind, not one definition (a cover's definition is its snapshot template's, no transcode's). Other types
//   name nothing we keep.
// Each INSERT's rows must name one key at most once (ON CONFLICT cannot update a row twice): the hot path's groups
// never name a FileId twice and output-records.ts keeps one output per key within an event; the backfill,
// whose batches do, picks the winner first (DISTINCT ON).
import { procedureRank } from "../uploads/status-rank.js";

const rankOf = (expr: string) =>
  `(CASE WHEN ${expr} IS NULL THEN ${procedureRank(null)} WHEN ${expr} = 'FINISH' THEN ${procedureRank("FINISH")} ELSE ${procedureRank("PROCESSING")} END)`;

export const outputRecordColumns = `i int, "fileId" text, kind text, definition int, url text, container text,
  width int, height int, bitrate bigint, size bigint, duration float8, md5 text, "drmType" text, details jsonb,
  "taskId" text, subtask text, "finishedAt" timestamptz`;
export const taskRecordColumns = `i int, "fileId" text, "taskId" text, kind text, status text, failed boolean,
  "errCode" int, message text, subtasks jsonb, "beganAt" timestamptz, "finishedAt" timestamptz`;

const outputValues = [
  "url",
  "container",
  "width",
  "height",
  "bitrate",
  "size",
  "duration",
  "md5",
  "drmType",
  "details",
  "taskId",
  "subtask",
  "finishedAt",
  "eventId",
  "receivedAt",
];
const taskValues = [
  "kind",
  "status",
  "failed",
  "errCode",
  "message",
  "subtasks",
  "beganAt",
  "finishedAt",
  "eventId",
  "receivedAt",
];

const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");
const of = (table: string, columns: string[]) => columns.map((c) => `${table}."${c}"`).join(", ");
const outputOrder = (t: string) => `coalesce(${t}."finishedAt", ${t}."receivedAt"), ${t}."eventId"`;
const taskOrder = (t: string) => `${rankOf(`${t}.status`)}, ${outputOrder(t)}`;

/** Upserts the outputs `source` yields: a SELECT of the UploadOutput columns (updatedAt included), one per key. */
export function upsertOutputs(source: string, returning = ""): string {
  const columns = ["fileId", "kind", "definition", ...outputValues, "updatedAt"];
  return `INSERT INTO "UploadOutput" AS o (${quoted(columns)})
  SELECT ${of("x", columns)} FROM (${source}) x
  WHERE NOT EXISTS (SELECT 1 FROM "UploadOutputDeletion" d
    WHERE d."fileId" = x."fileId" AND d.kind = x.kind AND d.definition IN (0, x.definition)
      AND coalesce(x."finishedAt", x."receivedAt") <= d."deletedAt")
  ORDER BY x."fileId", x.kind, x.definition -- one lock order: concurrent statements cannot deadlock here
  ON CONFLICT ("fileId", kind, definition) DO UPDATE SET (${quoted([...outputValues, "updatedAt"])}) =
    (${of("EXCLUDED", [...outputValues, "updatedAt"])})
  WHERE (${outputOrder("EXCLUDED")}) >= (${outputOrder("o")})
    AND ROW(${of("EXCLUDED", outputValues)}) IS DISTINCT FROM ROW(${of("o", outputValues)})
  ${returning}`;
}

/** Upserts the tasks `source` yields: a SELECT of the UploadTask columns (updatedAt included), one per key. */
export function upsertTasks(source: string, returning = ""): string {
  const columns = ["fileId", "taskId", ...taskValues, "updatedAt"];
  return `INSERT INTO "UploadTask" AS t (${quoted(columns)})
  SELECT ${of("x", columns)} FROM (${source}) x
  ORDER BY x."fileId", x."taskId"
  ON CONFLICT ("fileId", "taskId") DO UPDATE SET (${quoted([...taskValues, "updatedAt"])}) =
    (${of("EXCLUDED", [...taskValues, "updatedAt"])})
  WHERE (${taskOrder("EXCLUDED")}) >= (${taskOrder("t")})
    AND ROW(${of("EXCLUDED", taskValues)}) IS DISTINCT FROM ROW(${of("t", taskValues)})
  ${returning}`;
}

/** The output columns but the key's of recordset `x`, with defaults for what NOT NULL columns may lack. */
export const outputSelect = (x: string) =>
  `${x}."fileId", ${x}.kind, ${x}.definition, ${x}.url, ${x}.container, ${x}.width, ${x}.height, ${x}.bitrate,
   ${x}.size, ${x}.duration, ${x}.md5, ${x}."drmType", coalesce(${x}.details, '{}'::jsonb) AS details,
   ${x}."taskId", ${x}.subtask, ${x}."finishedAt"`;
export const taskSelect = (x: string) =>
  `${x}."fileId", ${x}."taskId", ${x}.kind, ${x}.status, coalesce(${x}.failed, false) AS failed, ${x}."errCode",
   ${x}.message, coalesce(${x}.subtasks, '[]'::jsonb) AS subtasks, ${x}."beganAt", ${x}."finishedAt"`;

/** For the backfill, whose batches hold many events of a file: the winner of each key of `rows`, by the order
 *  above. */
export const latestOutputs = (rows: string) =>
  `SELECT DISTINCT ON (y."fileId", y.kind, y.definition) * FROM (${rows}) y
  ORDER BY y."fileId", y.kind, y.definition, coalesce(y."finishedAt", y."receivedAt") DESC, y."eventId" DESC`;
export const latestTasks = (rows: string) =>
  `SELECT DISTINCT ON (y."fileId", y."taskId") * FROM (${rows}) y
  ORDER BY y."fileId", y."taskId", ${rankOf("y.status")} DESC, coalesce(y."finishedAt", y."receivedAt") DESC,
    y."eventId" DESC`;

// The parts a partial delete names, one row per (file, kind, definition) a tombstone keeps: a definition's
// transcode, or with Definition 0 (or none) every transcode and every cover; every adaptive stream or one.
const namedParts = (files: string) => `SELECT p."fileId", k.kind,
    CASE WHEN k.kind = 'cover' THEN 0
         ELSE coalesce(CASE WHEN d.part ->> 'definition' ~ '^[0-9]{1,9}$' THEN (d.part ->> 'definition')::int END, 0)
    END AS definition, p."deletedAt", p."eventId"
  FROM ${files} p
  CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(p."deletedParts") = 'array' THEN p."deletedParts" ELSE '[]'::jsonb END) AS d(part)
  CROSS JOIN LATERAL unnest(CASE d.part ->> 'type' WHEN 'TranscodeFiles' THEN ARRAY['transcode', 'cover']
                                                 WHEN 'AdaptiveDynamicStreamingFiles' THEN ARRAY['adaptive'] END) AS k(kind)
  WHERE k.kind <> 'cover' OR coalesce(CASE WHEN d.part ->> 'definition' ~ '^[0-9]{1,9}$' THEN (d.part ->> 'definition')::int END, 0) = 0`;

/** The steps of the partial deletes of `files` ("fileId", "deletedParts", "eventId", "deletedAt": the delete's
 *  arrival): `cut` removes the outputs they name (RETURNING `returning`), `gone` keeps their tombstones. */
export function partialDeleteSteps(files: string, returning = ""): string {
  return `, cut AS (
  DELETE FROM "UploadOutput" o
  USING (${namedParts(files)}) n
  WHERE o."fileId" = n."fileId" AND o.kind = n.kind AND n.definition IN (0, o.definition)
    AND coalesce(o."finishedAt", o."receivedAt") <= n."deletedAt"
  ${returning}
), gone AS (
  INSERT INTO "UploadOutputDeletion" AS g ("fileId", kind, definition, "deletedAt", "eventId")
  SELECT DISTINCT ON ("fileId", kind, definition) "fileId", kind, definition, "deletedAt", "eventId"
  FROM (${namedParts(files)}) n
  ORDER BY "fileId", kind, definition, "deletedAt" DESC, "eventId" DESC
  ON CONFLICT ("fileId", kind, definition) DO UPDATE SET ("deletedAt", "eventId") = (EXCLUDED."deletedAt", EXCLUDED."eventId")
  WHERE (EXCLUDED."deletedAt", EXCLUDED."eventId") > (g."deletedAt", g."eventId")
)`;
}
