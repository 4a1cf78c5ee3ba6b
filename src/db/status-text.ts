// An upload as the status reads answer it (issue 14): the upload's text (upload-text.ts) and, after its columns,
// what the answer adds, read in the same statement by correlated sub-selects on the (fileId, …) primary keys:
// - the outputs (UploadOutput) as JSON text of one compact array per row (output-rows-of-text.ts reads it), or null
//   when there are none — or when the read did not ask for them (a list without ?include=outputs);
// - whether any output serves playback ('t', else null; only when the outputs themselves are not read — the pure rule
//   then sees them all — and the upload has no source URL);
// - the statuses of the file's tasks (UploadTask) as a JSON array text, or null when there are none (or the upload is
//   PENDING or PROCESSING).
// An upload without a FileId (PENDING) has neither outputs nor tasks: rows are keyed by FileId.
import { uploadTextColumns, selectUploadText, type UploadText } from "./upload-text.js";

/** An UploadText with the three values above after the upload's columns. */
export type StatusText = UploadText;

/** Where the three values are among selectStatusExtras's. */
export const extras = { outputs: 0, playableOutputs: 1, taskStatuses: 2 } as const;
export const outputsAt = uploadTextColumns.length + extras.outputs;
export const playableOutputsAt = uploadTextColumns.length + extras.playableOutputs;
export const taskStatusesAt = uploadTextColumns.length + extras.taskStatuses;
/** Where a statement may put more values (a batch index). */
export const afterStatusText = uploadTextColumns.length + 3;

const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The order output-rows-of-text.ts reads (so do the status answers' parts: upload-json-parts.ts). Times as
// Date#toISOString writes them (the columns keep milliseconds).
export const outputArraySql = `json_build_array(o.kind, o.definition, o.url, o.container, o.width, o.height, o.bitrate,
  o.size, o.duration, o.md5, o."drmType", o.details, o."taskId",
  ${isoText(`o."finishedAt"`)}, ${isoText(`o."receivedAt"`)}, o."eventId")`;

/**
 * Whether the upload `from` has an output that serves playback (choose-playback.ts's servesPlayback, in SQL; `url <>
 * ''` is false for NULL too): true, or NULL. A scalar sub-select on purpose: over a batch of 50 list pages
 * PostgreSQL turned EXISTS into a hashed sub-plan that reads the whole table (measured: a sequential scan of 120,000
 * rows per statement, where 2,550 index probes do).
 */
export const playableOutputOf = (from: string): string =>
  `(SELECT true FROM "UploadOutput" o WHERE o."fileId" = ${from}."fileId" AND o.kind IN ('transcode', 'adaptive')
    AND o.url <> '' LIMIT 1)`;

/** The SELECT list of a StatusText from the relation `from`. The sub-selects run only where readiness.ts can use
 *  what they find (issue 13, reads): an upload with a source URL is playable without an output, and one that is
 *  PENDING or PROCESSING is not complete whatever its tasks say — most rows of a page skip both index probes. */
export function selectStatusText(from: string, options: { outputs: boolean }): string {
  return `${selectUploadText(from)}, ${selectStatusExtras(from, options)}`;
}

/** The three values alone, for a reader that has the upload's columns already (the delivery claim: the change's
 *  snapshot). Converting the upload's ~40 columns to text cost the claim ~40 µs of PostgreSQL a message. */
export function selectStatusExtras(from: string, options: { outputs: boolean }): string {
  const outputs = options.outputs
    ? `(SELECT json_agg(${outputArraySql}) FROM "UploadOutput" o WHERE o."fileId" = ${from}."fileId"), NULL`
    : `NULL, CASE WHEN ${from}."mediaUrl" <> '' THEN NULL ELSE ${playableOutputOf(from)} END`;
  const tasks = `CASE WHEN ${from}.status IN ('PENDING', 'PROCESSING') THEN NULL
    ELSE (SELECT json_agg(t.status) FROM "UploadTask" t WHERE t."fileId" = ${from}."fileId") END`;
  return `${outputs}, ${tasks}`;
}
