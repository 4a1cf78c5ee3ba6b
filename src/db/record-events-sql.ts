// The hot path as ONE SQL statement for a group of events (DESIGN §10): record each event (dedupe by key: a
// duplicate is a row count, not an exception) and, for those that were new, upsert every upload they name with
// the status rule of src/uploads/apply-event.ts written in SQL. One round trip, one implicit transaction; row
// locks taken by ON CONFLICT serialise concurrent replicas and workers per FileId.
//
// Everything travels as ONE jsonb parameter ($1 = {"items", "files", "outputs", "tasks"}): one value to serialise and
// bind whatever the group's size (record-event.ts sends it); the raw payloads beside it as one bytea ($2), each
// item naming its slice (record-events-param.ts), stored as text exactly as received.
// record-event.ts runs these as named prepared statements: parsing and planning this text cost PostgreSQL ~3 ms,
// more than executing a group of 32 (issue 13). The hot path comes in variants, one per set of steps the group
// needs (recordEventsStatement), because even an empty INSERT opens its table and indexes in every statement: a
// group of plain NewFileUploads runs only the event and upload steps. The others (issue 14): the VodEventFile links
// of an event naming FileIds besides its own (l); files an event only links to, whose upload it neither creates nor
// changes (k); derivedFrom of an edit or compose output (d); outputs (o) and tasks (t) (output-steps-sql.ts); the
// outputs a partial delete removes (x). Outputs, tasks and deletes are written for the NEW events of the group only:
// a redelivery writes nothing. Issue 15 adds the review columns (r: reviewWins below is later-review.ts in SQL, its
// TypeScript twin src/uploads/review-wins.ts) and the pull columns (p: only PullComplete events, which run in a
// transaction of their own, record-pull-event.ts); the items carry their values only when an event has some.
// jsonb_to_recordset turns the JSON into typed rows once. ON CONFLICT DO UPDATE cannot see the SELECT's columns,
// so the update reads its patch back with a sub-SELECT keyed by the proposed row's (fresh, unique) id.
// A group must not name one dedupe key or FileId twice (a row cannot be updated twice by one statement).
// replay-events-sql.ts is the same rule for admin replay of a stored event (channel `replay`), built of the pieces
// exported here.
import { procedureRank, statusRank } from "../uploads/status-rank.js";
import {
  eventColumns,
  mediaColumns,
  uploadColumns,
  type PullColumn,
  type ReviewColumn,
  type RuleColumn,
} from "../uploads/upload-columns.js";
import { uploadStatuses } from "../uploads/upload-state.js";
import { noSteps, type Steps } from "./statement-steps.js";
import { notifyWaitedUploads } from "./notify-waited-uploads-sql.js";
import {
  outputRecordColumns,
  outputSelect,
  partialDeleteSteps,
  taskRecordColumns,
  taskSelect,
  upsertOutputs,
  upsertTasks,
} from "./output-steps-sql.js";

export const rank = (expr: string) =>
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

// A review replaces the kept one unless it is a pending report of the kept verdict's own task, or both carry a
// finish time and the kept one finished later (later-review.ts). The kept review's finish time is in its JSON.
const keptFinish = `(u.review ->> 'finishedAt')`;
const reviewWins = `(p.review IS NOT NULL AND (u.review IS NULL OR NOT (
    (p."reviewStatus" = 'pending' AND u."reviewStatus" IS DISTINCT FROM 'pending' AND p."reviewTaskId" IS NOT DISTINCT FROM u."reviewTaskId")
    OR (p."reviewFinishedAt" IS NOT NULL AND ${keptFinish} IS NOT NULL AND ${keptFinish}::timestamptz > p."reviewFinishedAt"))))`;
const reviewTime = `coalesce(p."reviewFinishedAt", p."receivedAt")`;
const byReview = (column: string): [string, string] => [
  `p."${column}"`,
  `CASE WHEN ${reviewWins} THEN p."${column}" ELSE u."${column}" END`,
];
const reviewRule: Record<ReviewColumn, [string, string]> = {
  review: byReview("review"),
  reviewStatus: byReview("reviewStatus"),
  reviewTaskId: byReview("reviewTaskId"),
  reviewAt: [
    `CASE WHEN p.review IS NOT NULL THEN ${reviewTime} END`,
    `CASE WHEN ${reviewWins} THEN ${reviewTime} ELSE u."reviewAt" END`,
  ],
};
// The pull TaskId once known stays (a 2017 report names it without the AppId prefix); a failure's code replaces.
const pullRule: Record<PullColumn, [string, string]> = {
  pullTaskId: [`p."pullTaskId"`, `coalesce(u."pullTaskId", p."pullTaskId")`],
  pullErrCode: [`p."pullErrCode"`, `coalesce(p."pullErrCode", u."pullErrCode")`],
  pullMessage: [`p."pullMessage"`, `coalesce(p."pullMessage", u."pullMessage")`],
};

/** [column, fresh, update] for every column an event may change but the FileId (the conflict key), the review and
 *  pull columns aside (columnsOf adds them for the steps that write them). */
export const columns = eventColumns.flatMap((column): Array<[string, string, string]> => {
  if (column === "fileId") return [];
  const { event } = uploadColumns[column];
  if (event === "review" || event === "pull") return [];
  if (uploadColumns[column].event === "rule") return [[column, ...ruleColumns[column as RuleColumn]]];
  // A media column: the event's value, the int8 one checked as the TypeScript rule checks it (upload-patch.ts).
  const incoming = uploadColumns[column].kind === "bigint" ? int8(column) : `p."${column}"`;
  return [[column, incoming, merge(column, incoming)]];
});

/** The columns a statement running `steps` writes: `columns`, and the review and pull ones when it has those steps. */
export function columnsOf(steps: Steps): Array<[string, string, string]> {
  const with_ = (rule: Record<string, [string, string]>): Array<[string, string, string]> =>
    Object.entries(rule).map(([column, [fresh, update]]) => [column, fresh, update]);
  return [...columns, ...(steps.review ? with_(reviewRule) : []), ...(steps.pull ? with_(pullRule) : [])];
}

/** The items' columns for a statement running `steps` (itemColumns, and the review and pull values). */
export function itemColumnsOf(steps: Steps): string {
  return `${itemColumns}${steps.review ? `, review jsonb, "reviewStatus" text, "reviewTaskId" text, "reviewFinishedAt" timestamptz` : ""}${
    steps.pull ? `, "pullTaskId" text, "pullErrCode" int, "pullMessage" text` : ""
  }`;
}

/** An item's body as stored: the slice of $2 it names (its bytes as received), else the text it carries. */
export const storedPayload = `coalesce("payloadText", convert_from(substring($2::bytea FROM "payloadAt" FOR "payloadBytes"), 'UTF8'))`;

export const itemColumns = `i int, "dedupeKey" text, "eventType" text, format text, channel text, "eventFileId" text,
  "eventTaskId" text, "payloadAt" int, "payloadBytes" int, "payloadText" text, outcome text, error text, "receivedAt" timestamptz, kind text,
  ${mediaColumns.map((c) => `"${c}" text`).join(", ")}, metadata jsonb, "procedureTaskId" text,
  "procedureStatus" text, "procedureErrCode" int, "procedureMessage" text, "procedureResults" jsonb,
  "finishedAt" timestamptz, "occurredAt" timestamptz`;

export const filesFrom = (steps: Steps) =>
  `jsonb_to_recordset($1::jsonb -> 'files') AS f(i int, id text, "fileId" text, target text, "deletedParts" jsonb${
    steps.linkOnly ? `, "linkOnly" boolean` : ""
  }${steps.derived ? `, "derivedFrom" jsonb` : ""})`;
export const fileColumns = (steps: Steps) =>
  `f.id, f."fileId", f.target, f."deletedParts"${steps.linkOnly ? `, f."linkOnly"` : ""}${
    steps.derived ? `, f."derivedFrom"` : ""
  }`;

/** The column derived uploads add: the event's list when it gives one, else the one kept. */
export const derivedColumn: [string, string, string] = [
  "derivedFrom",
  `p."derivedFrom"`,
  `coalesce(p."derivedFrom", u."derivedFrom")`,
];

// Notifications (issue 16): the SET writes, beside the change and under the same row lock, what the `msg` step needs
// and RETURNING cannot give (it sees only the new row): the status before, and notifyFlags — 4: the upload has been
// playable (readiness.ts's playable: not PENDING or DELETED, with a source URL or a transcode / adaptive output with
// a URL, of the stored row or reported by this group), 1: it had been before this change, 2: this change kept a new
// verdict — and raises the upload's sequence by one. Reading the flag rather than UploadOutput keeps a plain group's
// statement off that table. A new row has no status before; the same tuple is written, so the update stays HOT.
const verdicts = `('pass', 'review', 'block')`;
const reported = (steps: Steps) =>
  steps.outputs
    ? ` OR EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb -> 'outputs') AS r("fileId" text, kind text, url text)
        WHERE r."fileId" = p."fileId" AND r.kind IN ('transcode', 'adaptive') AND r.url <> '')`
    : "";
function notifyColumns(all: Array<[string, string, string]>, steps: Steps): Array<[string, string, string]> {
  const of = (name: string) => all.find(([c]) => c === name) as [string, string, string];
  const [, freshStatus, nextStatus_] = of("status");
  const [, freshUrl, nextUrl] = of("mediaUrl");
  const playable = (status: string, url: string) =>
    `(CASE WHEN (${status}) NOT IN ('PENDING', 'DELETED') AND ((${url}) <> ''${reported(steps)}) THEN 4 ELSE 0 END)`;
  const freshVerdict = steps.review ? ` + (CASE WHEN p."reviewStatus" IN ${verdicts} THEN 2 ELSE 0 END)` : "";
  const keptVerdict = steps.review
    ? ` + (CASE WHEN ${reviewWins} AND p."reviewStatus" IN ${verdicts} AND p."reviewStatus" IS DISTINCT FROM u."reviewStatus" THEN 2 ELSE 0 END)`
    : "";
  const had = `(coalesce(u."notifyFlags", 0) & 4)`;
  return [
    ["notifySequence", "1", `u."notifySequence" + 1`],
    ["notifyPrevStatus", `NULL::"UploadStatus"`, "u.status"],
    [
      "notifyFlags",
      `${playable(freshStatus, freshUrl)}${freshVerdict}`,
      `(CASE WHEN ${had} = 4 THEN 5 ELSE ${playable(nextStatus_, nextUrl)} END)${keptVerdict}`,
    ],
  ];
}

/** The `up` step: insert or update every file of the group (but those it only links to) with the rule's columns,
 *  and the notification columns (a replay's guard compares the rule's columns only). */
export function upsertUploads(rule: Array<[string, string, string]>, steps: Steps, guard = ""): string {
  const changed = [...rule, ...(steps.derived ? [derivedColumn] : [])];
  const all = [...changed, ...notifyColumns(changed, steps)];
  return `INSERT INTO "Upload" AS u ("id", "fileId", "createdAt", ${all.map(([c]) => `"${c}"`).join(", ")})
  SELECT p.id, p."fileId", p."receivedAt", ${all.map(([, fresh]) => fresh).join(",\n         ")}
  FROM files p${steps.linkOnly ? `\n  WHERE p."linkOnly" IS NOT TRUE` : ""}
  ORDER BY p."fileId" -- one lock order for every statement: concurrent groups cannot deadlock
  ON CONFLICT ("fileId") DO UPDATE SET (${all.map(([c]) => `"${c}"`).join(", ")}) = (
    SELECT ${all.map(([, , update]) => update).join(",\n           ")}
    FROM files p WHERE p.id = EXCLUDED.id)
  ${guard}
  RETURNING u.*`;
}

/** The channel a statement that wrote messages notifies (the delivery workers LISTEN on it). */
export const notifyChannel = "vod_tracker_notify";

// The `msg` step: one NotifyMessage per (changed upload × type × enabled endpoint that wants it; no type listed =
// every type), from the columns the SET wrote (above). A duplicate never reaches `up` (its key conflicted) and a
// no-op changes nothing tested here, so both write none. The snapshot is the new row; the worker renders the body
// from it once (render-message-body.ts). With no enabled endpoint only the InitPlan runs.
// What a message costs is most of what this step costs PostgreSQL, so (migration 20261206170000_lean_messages):
//  - the snapshot (~1.7 KB, most of a message's bytes) goes on the first message of a change for each endpoint
//    only (ids are given in this ORDER BY, so it has the lowest); the others of that change (same uploadId and
//    sequence) are rendered from one that has it (claim-messages.ts). One per endpoint, because an endpoint's
//    messages are deleted with it: the ones that remain always keep theirs.
//  - no foreign key to NotifyEndpoint (a query and a row lock per message): the endpoints are locked FOR KEY SHARE
//    once here instead, so an endpoint being deleted waits for this statement to commit and then deletes what it
//    wrote (notify-endpoint-store.ts), and one deleted meanwhile is skipped (READ COMMITTED re-reads a locked row).
export const writeMessages = `INSERT INTO "NotifyMessage" ("endpointId", "eventType", "uploadId", "sequence", "snapshot")
  SELECT e.id, t.type, up.id, up."notifySequence",
         CASE WHEN row_number() OVER (PARTITION BY up.id, e.id ORDER BY t.n) = 1 THEN to_jsonb(up) END
  FROM up
  CROSS JOIN LATERAL (VALUES
    (1, 'upload.' || lower(up.status::text), up.status IS DISTINCT FROM up."notifyPrevStatus" AND up.status <> 'PENDING'),
    (2, 'upload.playable', up."notifyFlags" & 5 = 4),
    (3, 'upload.review_completed', up."notifyFlags" & 2 = 2)) AS t(n, type, wanted)
  JOIN (SELECT id, "eventTypes" FROM "NotifyEndpoint" WHERE enabled FOR KEY SHARE) e
    ON cardinality(coalesce(e."eventTypes", '{}')) = 0 OR t.type = ANY (e."eventTypes")
  WHERE t.wanted AND EXISTS (SELECT 1 FROM "NotifyEndpoint" WHERE enabled)
  ORDER BY up."fileId", t.n, e.id
  RETURNING 1`;

/** The `links` step: an event naming several FileIds (a FileDeleted of many files, an edit's inputs) is linked to
 *  each FileId besides its own VodEvent.fileId, so that every one of those files' timelines shows it
 *  (src/db/list-upload-events.ts). */
export const linkOtherFiles = `INSERT INTO "VodEventFile" ("fileId", "eventId")
  SELECT p."fileId", ev.id FROM files p JOIN ev ON ev."dedupeKey" = p."dedupeKey"
  WHERE p."fileId" IS DISTINCT FROM p."eventFileId"
  ON CONFLICT DO NOTHING`;

/** The outputs and tasks of the items, for the events `ev` names (eventId: `eventId`, written at `writtenAt`). */
export function outputSteps(steps: Steps, from: { join: string; eventId: string; writtenAt: string }): string {
  const rows = (key: string, columns: string, select: string) =>
    `SELECT ${select}, ${from.eventId} AS "eventId", items."receivedAt", ${from.writtenAt} AS "updatedAt"
    FROM jsonb_to_recordset($1::jsonb -> '${key}') AS r(${columns})
    JOIN items ON items.i = r.i${from.join}`;
  return [
    steps.outputs ? `, outs AS (\n  ${upsertOutputs(rows("outputs", outputRecordColumns, outputSelect("r")))}\n)` : "",
    steps.tasks ? `, tasks AS (\n  ${upsertTasks(rows("tasks", taskRecordColumns, taskSelect("r")))}\n)` : "",
  ].join("");
}

// "messages": how many the `msg` step wrote; the NOTIFY (sent at commit) only when there are some. "waited": the
// long polls' NOTIFY of the changed FileIds someone waits on (notify-waited-uploads-sql.ts; none when nobody waits).
// "eventIds" and "statuses": [key, value] pairs, which Node parses far faster than objects (statement-answer.ts).
export const answer = `SELECT (SELECT coalesce(json_agg(json_build_array("dedupeKey", id::text)), '[]') FROM ev) AS "eventIds",
       (SELECT coalesce(json_agg(json_build_array("fileId", "status")), '[]') FROM up) AS "statuses",
       (SELECT count(*)::int FROM msg) AS "messages",
       (SELECT count(pg_notify('${notifyChannel}', '')) FROM (SELECT 1 FROM msg LIMIT 1) w) AS "notified",
       ${notifyWaitedUploads("up", "fileId")} AS "waited"`;

/** The hot-path statement for a group needing `steps`. */
export function recordEventsStatement(steps: Steps): string {
  return `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb -> 'items') AS x(${itemColumnsOf(steps)})
), ev AS (
  INSERT INTO "VodEvent" ("dedupeKey", "eventType", "format", "channel", "fileId", "procedureTaskId", "payloadText",
                          "outcome", "error", "receivedAt")
  SELECT "dedupeKey", "eventType", format, channel, "eventFileId", "eventTaskId", ${storedPayload}, outcome, error,
         "receivedAt" FROM items
  ORDER BY "dedupeKey" -- one lock order for every statement: concurrent groups cannot deadlock
  ON CONFLICT ("dedupeKey") DO NOTHING
  RETURNING id, "dedupeKey"
), files AS (
  SELECT ${fileColumns(steps)}, items.*
  FROM ${filesFrom(steps)}
  JOIN items ON items.i = f.i
  WHERE items."dedupeKey" IN (SELECT "dedupeKey" FROM ev)
), up AS (
  ${upsertUploads(columnsOf(steps), steps)}
), msg AS (
  ${writeMessages}
)${steps.links ? `, links AS (\n  ${linkOtherFiles}\n)` : ""}${outputSteps(steps, {
    join: ` JOIN ev ON ev."dedupeKey" = items."dedupeKey"`,
    eventId: "ev.id",
    writtenAt: `items."receivedAt"`,
  })}${
    steps.deletes
      ? partialDeleteSteps(
          `(SELECT files."fileId", files."deletedParts", ev.id AS "eventId", files."receivedAt" AS "deletedAt"
            FROM files JOIN ev ON ev."dedupeKey" = files."dedupeKey" WHERE files."deletedParts" IS NOT NULL)`,
        )
      : ""
  }
${answer}`;
}

/** The hot path for a group of events that need no step but the event and upload ones (NewFileUpload, …). */
export const recordEventsSql = recordEventsStatement(noSteps);
