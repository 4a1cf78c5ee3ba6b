// The hot-path statement's one parameter (record-events-sql.ts): {"items", "files"}, and "outputs" and "tasks"
// when an event of the group reports some (output-records.ts). Each item's payload is spliced in as received
// (valid JSON, parsed once by the caller), so the largest part is never serialised again.
// Sent as bytes in jsonb's binary input format (issue 13): a version byte (1) and the JSON text in UTF-8. A callback's
// payload arrives as UTF-8 bytes and goes in as those bytes; as one text parameter, node-postgres measured and
// encoded the whole group's string (Buffer.byteLength alone was 5 % of the service's CPU under load, the text being
// two-byte as soon as one body held non-Latin-1 characters). PostgreSQL checks the encoding on receipt, as for text.
import type { RecordEventInput } from "./record-event-input.js";
import { derivedFromRecord, outputRecords, taskRecords } from "./output-records.js";
import { toStorableText } from "../storable-text.js";

/** The statement's one parameter: {"items": [...], "files": [...]}, each item with its payload spliced in, and
 *  "outputs" and "tasks" when an event has some (output-records.ts). */
export function recordEventsParam(inputs: readonly RecordEventInput[]): Buffer {
  const parts: Buffer[] = [JSONB_VERSION];
  let text = '{"items":[';
  const files: unknown[] = [];
  const outputs: object[] = [];
  const tasks: object[] = [];
  inputs.forEach((input, i) => {
    const { row, patch } = input;
    const fields = {
      i,
      dedupeKey: row.dedupeKey,
      eventType: row.eventType,
      format: row.format,
      channel: row.channel,
      eventFileId: row.fileId,
      eventTaskId: row.procedureTaskId,
      payloadText: row.payloadText,
      outcome: row.outcome,
      error: row.error,
      receivedAt: input.receivedAt.toISOString(),
      kind: patch?.kind ?? null,
      ...patch?.media,
      metadata: patch?.metadata ?? null,
      procedureTaskId: patch?.procedureTaskId ?? null,
      procedureStatus: patch?.procedureStatus ?? null,
      procedureErrCode: patch?.procedureErrCode ?? null,
      procedureMessage: patch?.procedureMessage ?? null,
      procedureResults: patch?.procedureResults ?? null,
      finishedAt: patch?.finishedAt ?? null,
      occurredAt: patch?.occurredAt ?? null,
      // Issue 15's values only when the event has some: a plain NewFileUpload's item is as it was.
      ...(patch?.review
        ? {
            review: patch.review,
            reviewStatus: patch.review.status,
            reviewTaskId: patch.review.taskId,
            reviewFinishedAt: patch.review.finishedAt,
          }
        : {}),
      ...(patch?.pull
        ? { pullTaskId: patch.pull.taskId, pullErrCode: patch.pull.errCode, pullMessage: patch.pull.message }
        : {}),
      ...(input.replayedAt ? { replayedAt: input.replayedAt.toISOString() } : {}),
      ...(input.replayOf !== undefined ? { replayOf: String(input.replayOf) } : {}),
    };
    // JSON.stringify writes a NUL or a lone surrogate only as such an escape, so the replacer (one call per value)
    // runs only when one is there; an escaped backslash before "u0000" just takes the slower way.
    let item = JSON.stringify(fields);
    if (unstorableEscape.test(item)) item = JSON.stringify(fields, storable);
    text += `${i ? "," : ""}${item.slice(0, -1)},"payload":`;
    const payload = input.payloadJson;
    if (typeof payload === "string" || payload === null) text += `${payload ?? "null"}}`;
    else {
      parts.push(Buffer.from(text), payload);
      text = "}";
    }
    if (!patch) return;
    // An edit or compose output's inputs go with the upload's own files (those it only links to get no upload).
    const linkOnly = patch.kind === "link";
    const derivedFrom = patch.derivedFrom ? derivedFromRecord(patch.derivedFrom) : null;
    patch.files.forEach((file, index) =>
      files.push({
        i,
        id: input.newIds[index],
        ...file,
        ...(linkOnly ? { linkOnly } : {}),
        ...(derivedFrom && !file.linkOnly ? { derivedFrom } : {}),
      }),
    );
    if (patch.outputs.length) outputs.push(...outputRecords(patch.outputs, i, input.receivedAt));
    if (patch.tasks.length) tasks.push(...taskRecords(patch.tasks, i));
  });
  const extras =
    (outputs.length ? `,"outputs":${storableJson(outputs)}` : "") +
    (tasks.length ? `,"tasks":${storableJson(tasks)}` : "");
  parts.push(Buffer.from(`${text}],"files":${JSON.stringify(files, storable)}${extras}}`));
  return Buffer.concat(parts);
}

const JSONB_VERSION = Buffer.from([1]);

/** The parameter's JSON text (tests, the pgbench diagnostic). */
export function recordEventsParamText(param: Buffer): string {
  return param.subarray(1).toString("utf8");
}

function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return unstorableEscape.test(json) ? JSON.stringify(value, storable) : json;
}

const unstorableEscape = /\\u(?:0000|d[89a-f])/i;

// Extracted fields are made storable; the raw body keeps the original (payloadText), so nothing is lost.
function storable(_key: string, value: unknown): unknown {
  return typeof value === "string" ? toStorableText(value) : value;
}
