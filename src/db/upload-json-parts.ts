// An upload's status answer (http/upload-status-json-text.ts) as PostgreSQL writes most of it, for the polled reads
// (issue 13, reads): an upload comes back as ONE text of parts instead of ~45 column values, and a page of the list as
// one text of its uploads' parts — the strings pg makes of each value, and their garbage, were most of a page's CPU
// in Node. PostgreSQL writes the columns, derivedFrom, pull and — for an upload without a review — review and ready;
// Node joins the parts (http/status-json-of-parts.ts) and writes what only JavaScript writes byte for byte: metadata
// and subAppId (nodeFields), review (review-json.ts reads its times with Date) with publishable beside it, and the
// outputs grouped for a player (group-outputs.ts).
// The parts are separated by U+0001, which none of them can hold: PostgreSQL's JSON (to_json, jsonb's text,
// json_build_array) writes every control character of a string escaped, and the rest is digits and our own keys.
// The SQL twin of each TypeScript rule is named after it below; test/db/upload-json-parts.test.ts holds whole answers
// to the TypeScript builders on many generated rows.
import { PULL_RETRYABLE_ERR_CODES } from "../uploads/pull-json.js";
import { jsonColumns, uploadColumns } from "../uploads/upload-columns.js";
import { readySql } from "./ready-sql.js";
import { outputArraySql } from "./status-text.js";

/** Between the parts of an upload, and between the uploads of a page. */
export const PART_SEPARATOR = "\u0001";

/** The parts of one upload or more, partsPerUpload each (below), as split from PostgreSQL's text. */
export type UploadJsonParts = readonly string[];

/**
 * The fields of the Upload JSON that Node writes, in order, each with the text before its value: a jsonb column as
 * JSON.stringify(JSON.parse(text)) writes it (numbers as JavaScript writes them, not as jsonb keeps them: 60.50), an
 * int8 as uploadJson's Number(value) does (past 2^53, JavaScript's shortest digits of the nearest double, which
 * float8's text does not always give: -19964743617132830 is -1.9964743617132832e+16 there).
 */
export const nodeFields = jsonColumns.flatMap((name, n) => {
  const { kind } = uploadColumns[name];
  return kind === "jsonb" || kind === "bigint" ? [{ key: `${n === 0 ? "{" : ","}${JSON.stringify(name)}:`, kind }] : [];
});

/**
 * An upload's parts, in order: the Upload JSON's text up to its first field in nodeFields, that field's value as
 * PostgreSQL writes the column ("" for null), the text up to the next such field, …, the last text ending with
 * `"review":`. Then ready: for an upload without a review (no review, no reviewStatus: most), the rest of the answer
 * but outputs, `null,"ready":{…}`; for one with a review, ready's two levels as two letters ("tf": playable, not
 * complete). Last, "" or a JSON array: [review, reviewStatus, reviewTaskId] for an upload with a review, and with
 * outputs read, for every upload, then the outputs as status-text.ts writes them (a text) and the upload's status,
 * mediaUrl, mediaType and coverUrl (what groupOutputs reads).
 */
export const readyPart = 2 * nodeFields.length + 1;
export const extraPart = readyPart + 1;
export const partsPerUpload = extraPart + 1;

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

// As Date#toISOString writes a time: "YYYY-MM-DDTHH:MM:SS.sssZ" for the years 0000–9999, astronomical (1 BC is
// 0000), else a sign and six digits ("+010000-…", "-000001-…"). to_char writes a BC year as it is named (2 BC: 0002).
const isoTimeJson = (column: string) => {
  const at = `${column} AT TIME ZONE 'UTC'`;
  return `CASE WHEN ${column} IS NULL THEN 'null'
    WHEN ${column} >= '0001-01-01 00:00:00+00' AND ${column} < '10000-01-01 00:00:00+00'
      THEN to_char(${at}, '\\"YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\\"')
    ELSE '"' || CASE WHEN ${column} >= '10000-01-01 00:00:00+00' THEN '+' || lpad(to_char(${at}, 'FMYYYY'), 6, '0')
                     WHEN ${column} >= '0001-01-01 00:00:00+00 BC' THEN '0000'
                     ELSE '-' || lpad((to_char(${at}, 'FMYYYY')::int - 1)::text, 6, '0') END
      || to_char(${at}, '-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' END`;
};

// As JSON.stringify writes JavaScript's value: to_json escapes a string as it does (\" \\ \b \f \n \r \t, \u00xx for
// the other control characters; PostgreSQL's text holds no lone surrogate to differ on); int4's text is the number's.
const valueJson = {
  text: (column: string) => `coalesce(to_json(${column})::text, 'null')`,
  enum: (column: string) => `coalesce(to_json(${column})::text, 'null')`,
  int: (column: string) => `coalesce(${column}::text, 'null')`,
  timestamptz: isoTimeJson,
};

/**
 * upload-status-json.ts's derivedFromJson: the strings of an array, else null. jsonb writes an array of strings with
 * `", "` between them, which no string can hold unescaped (its second quote would be \"): replacing it is safe.
 */
const derivedFromJson = (from: string) => `CASE WHEN jsonb_typeof(${from}."derivedFrom") = 'array'
    THEN replace(jsonb_path_query_array(${from}."derivedFrom", '$[*] ? (@.type() == "string")')::text, '", "', '","')
    ELSE 'null' END`;

/** pull-json.ts's pullJson. */
const pullJson = (from: string) => `CASE WHEN ${from}."pullTaskId" IS NULL AND ${from}."pullErrCode" IS NULL THEN 'null'
    ELSE '{"taskId":' || ${valueJson.text(`${from}."pullTaskId"`)} || ',"sourceUrl":' ||
      CASE WHEN jsonb_typeof(${from}.metadata -> 'pullSourceUrl') = 'string'
        THEN to_json(${from}.metadata ->> 'pullSourceUrl')::text ELSE 'null' END ||
      ',"errCode":' || ${valueJson.int(`${from}."pullErrCode"`)} || ',"message":' ||
      ${valueJson.text(`${from}."pullMessage"`)} || ',"retryable":' ||
      CASE WHEN ${from}."pullErrCode" IS NULL THEN 'null'
        WHEN ${from}."pullErrCode" IN (${PULL_RETRYABLE_ERR_CODES.join(", ")}) THEN 'true' ELSE 'false' END || '}' END`;

// Without a review, publishable is playable (publishable.ts): PostgreSQL writes review and ready; with one, ready's
// two levels as letters ("tf": playable, not complete) for Node to write them beside the review. readiness.ts's
// levels in SQL (ready-sql.ts), each level's sub-selects written once: each costs every run its set-up.
const readyText = (playable: boolean, complete: boolean) =>
  `null,"ready":{"playable":${playable},"complete":${complete},"publishable":${playable}}`;
const readyOf = (from: string, reviewed: string) => {
  const texts = [readyText(false, false), readyText(false, true), readyText(true, false), readyText(true, true)];
  return `(CASE WHEN ${reviewed} THEN ARRAY['ff', 'ft', 'tf', 'tt'] ELSE ARRAY[${texts.map(sqlText).join(", ")}] END)
    [1 + 2 * coalesce(${readySql("playable", from)}, false)::int
       + coalesce(${readySql("complete", from)}, false)::int]`;
};

/** The SQL text of an upload's parts (above), joined by PART_SEPARATOR, from the relation `from` (an "Upload" row). */
export function uploadJsonPartsSql(from: string, options: { outputs: boolean }): string {
  const reviewed = `(${from}.review IS NOT NULL OR ${from}."reviewStatus" IS NOT NULL)`;
  const parts: string[] = [];
  let text: string[] = [];
  jsonColumns.forEach((name, n) => {
    const { kind } = uploadColumns[name];
    if (kind === "jsonb" || kind === "bigint") {
      parts.push(text.length ? text.join(" || ") : "''", `coalesce(${from}."${name}"::text, '')`);
      text = [];
    } else {
      text.push(sqlText(`${n === 0 ? "{" : ","}${JSON.stringify(name)}:`), valueJson[kind](`${from}."${name}"`));
    }
  });
  text.push(
    sqlText(`,"derivedFrom":`),
    derivedFromJson(from),
    sqlText(`,"pull":`),
    pullJson(from),
    sqlText(`,"review":`),
  );
  parts.push(text.join(" || "), readyOf(from, reviewed));
  const review = `${from}.review::text, ${from}."reviewStatus", ${from}."reviewTaskId"`;
  parts.push(
    options.outputs
      ? `json_build_array(${review},
          (SELECT json_agg(${outputArraySql}) FROM "UploadOutput" o WHERE o."fileId" = ${from}."fileId")::text,
          ${from}.status, ${from}."mediaUrl", ${from}."mediaType", ${from}."coverUrl")::text`
      : `CASE WHEN ${reviewed} THEN json_build_array(${review})::text ELSE '' END`,
  );
  return parts.map((part) => `(${part})`).join(` || E'\\x01' || `);
}
