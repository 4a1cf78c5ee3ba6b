// The hot-path statement's two parameters (record-events-sql.ts): $1 {"items", "files"}, and "outputs" and "tasks"
// when an event of the group reports some (output-records.ts); $2 the group's payloads, one after the other, as
// the bytes they arrived in. Each item names its payload's place in $2 ("payloadAt", 1-based, and "payloadBytes"),
// and the statement stores that slice as text (VodEvent.payloadText): PostgreSQL checks its UTF-8 and copies it, where
// as jsonb it lexed, sorted and rebuilt every object of it (issue 14: ~50 µs of PostgreSQL CPU per event of the mix,
// a third of its work, and the 5 KB result of a transcode the largest part). A payload needs no escaping in $2:
// node-postgres sends a Buffer in binary format.
// $1 goes as bytes in jsonb's binary input format (issue 13): a version byte (1) and the JSON text in UTF-8; as one
// text parameter, node-postgres measured and encoded the whole group's string (Buffer.byteLength alone was 5 % of the
// service's CPU under load, the text being two-byte as soon as one body held non-Latin-1 characters).
// Written by hand in a fixed key order, JSON.stringify only on values (issue 13: one stringify per item of an object
// built with spreads was most of this step's cost). A key whose value is null is left out: jsonb_to_recordset gives
// NULL for an absent key as for a JSON null, jsonb columns included (checked on PostgreSQL 15), and PostgreSQL
// parses every byte of this for every event. test/db/record-events-param.test.ts holds it to the old builder's values.
import type { RecordEventInput } from "./record-event-input.js";
import { derivedFromRecord, outputRecords, taskRecords } from "./output-records.js";
import { toStorableText } from "../storable-text.js";
import { mediaColumns } from "../uploads/upload-columns.js";

/** The statement's parameters: [{"items": [...], "files": [...]} with "outputs" and "tasks" when an event has some
 *  (output-records.ts), the payloads]. */
export function recordEventsParams(inputs: readonly RecordEventInput[]): [Buffer, Buffer] {
  const payloads: Buffer[] = [];
  let chunks = paramChunks(inputs, asIs, payloads);
  // JSON.stringify writes a NUL or a lone surrogate only as such an escape, so the storable pass runs only when one
  // is there; an escaped backslash before "u0000" just takes the slower way.
  if (chunks.some((chunk) => chunk.includes("\\u") && unstorableEscape.test(chunk))) {
    payloads.length = 0;
    chunks = paramChunks(inputs, storable, payloads);
  }
  return [toBytes(chunks), payloads.length === 1 ? (payloads[0] as Buffer) : Buffer.concat(payloads)];
}

/** The parameter's JSON text (tests, the pgbench diagnostic). */
export function recordEventsParamText(param: Buffer): string {
  return param.subarray(1).toString("utf8");
}

interface Writer {
  text(value: string): string;
  json(value: unknown): string | undefined;
}

// A string with nothing to escape is written as it is: the test costs half a JSON.stringify of a short string. A
// surrogate takes JSON.stringify, which writes a lone one as the escape the check above looks for.
const asIs: Writer = {
  text: (value) => (needsNoEscape.test(value) ? `"${value}"` : JSON.stringify(value)),
  json: (value) => JSON.stringify(value),
};
// eslint-disable-next-line no-control-regex -- the control characters are those JSON escapes
const needsNoEscape = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
// Extracted fields are made storable; the raw body keeps the original (payloadText), so nothing is lost.
const storable: Writer = {
  text: (value) => JSON.stringify(toStorableText(value)),
  json: (value) => JSON.stringify(value, storableValue),
};

/** The JSON text in pieces: the large values apart, so that one value's non-Latin-1 text does not make the whole
 *  group's text two-byte. */
class Chunks {
  readonly list: string[] = [];
  /** The text after the last chunk. */
  text = "";
  constructor(readonly to: Writer) {}
  /** The text, then `chunk`. */
  cut(chunk: string): void {
    this.list.push(this.text, chunk);
    this.text = "";
  }
  /** `key` and `value`'s JSON as a chunk of its own; nothing when it is null. */
  apart(key: string, value: unknown): void {
    const json = value === null || value === undefined ? undefined : this.to.json(value);
    if (json === undefined || json === "null") return;
    this.text += key;
    this.cut(json);
  }
}

function paramChunks(inputs: readonly RecordEventInput[], to: Writer, payloads: Buffer[]): string[] {
  const chunks = new Chunks(to);
  chunks.text = '{"items":[';
  let files = "";
  const outputs: object[] = [];
  const tasks: object[] = [];
  let payloadAt = 1;
  for (let i = 0; i < inputs.length; i += 1) {
    const input = inputs[i] as RecordEventInput;
    chunks.text += i ? ',{"i":' : '{"i":';
    writeItem(chunks, i, input);
    const payload = input.payloadJson;
    if (payload === null) chunks.text += "}";
    else {
      // Valid JSON (parsed by the caller): no NUL byte, so the text column can hold it as it is.
      const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
      chunks.text += `,"payloadAt":${payloadAt},"payloadBytes":${bytes.length}}`;
      payloads.push(bytes);
      payloadAt += bytes.length;
    }
    const patch = input.patch;
    if (!patch) continue;
    // An edit or compose output's inputs go with the upload's own files (those it only links to get no upload).
    const linkOnly = patch.kind === "link" ? true : undefined;
    const derived = patch.derivedFrom ? derivedFromRecord(patch.derivedFrom) : null;
    const derivedFrom = derived ? to.json(derived) : undefined;
    patch.files.forEach((file, index) => {
      files +=
        (files ? ',{"i":' : '{"i":') +
        String(i) +
        value(',"id":', input.newIds[index], to) +
        value(',"fileId":', file.fileId, to) +
        value(',"target":', file.target, to) +
        value(',"deletedParts":', file.deletedParts, to) +
        value(',"linkOnly":', linkOnly ?? file.linkOnly, to) +
        (derivedFrom && !file.linkOnly ? `,"derivedFrom":${derivedFrom}` : "") +
        "}";
    });
    if (patch.outputs.length) outputs.push(...outputRecords(patch.outputs, i, input.receivedAt));
    if (patch.tasks.length) tasks.push(...taskRecords(patch.tasks, i));
  }
  chunks.text += `],"files":[${files}]`;
  if (outputs.length) chunks.apart(',"outputs":', outputs);
  if (tasks.length) chunks.apart(',"tasks":', tasks);
  chunks.list.push(`${chunks.text}}`);
  return chunks.list;
}

/** An item but its payload, each key only when it has a value (the SQL's itemColumnsOf). */
function writeItem(chunks: Chunks, i: number, input: RecordEventInput): void {
  const { row, patch } = input;
  const to = chunks.to;
  chunks.text +=
    String(i) +
    value(',"dedupeKey":', row.dedupeKey, to) +
    value(',"eventType":', row.eventType, to) +
    value(',"format":', row.format, to) +
    value(',"channel":', row.channel, to) +
    value(',"eventFileId":', row.fileId, to) +
    value(',"eventTaskId":', row.procedureTaskId, to) +
    value(',"payloadText":', row.payloadText, to) +
    value(',"outcome":', row.outcome, to) +
    value(',"error":', row.error, to) +
    `,"receivedAt":"${isoText(input.receivedAt)}"`;
  if (patch) {
    chunks.text += value(',"kind":', patch.kind, to);
    const media = patch.media as Record<string, unknown>;
    for (const [column, key] of mediaKeys) chunks.text += value(key, media[column], to);
    chunks.apart(',"metadata":', patch.metadata);
    chunks.apart(',"procedureResults":', patch.procedureResults);
    chunks.text +=
      value(',"procedureTaskId":', patch.procedureTaskId, to) +
      value(',"procedureStatus":', patch.procedureStatus, to) +
      value(',"procedureErrCode":', patch.procedureErrCode, to) +
      value(',"procedureMessage":', patch.procedureMessage, to) +
      value(',"finishedAt":', patch.finishedAt, to) +
      value(',"occurredAt":', patch.occurredAt, to);
    // Issue 15's values only when the event has some: a plain NewFileUpload's item is as it was.
    const { review, pull } = patch;
    if (review) {
      chunks.apart(',"review":', review);
      chunks.text +=
        value(',"reviewStatus":', review.status, to) +
        value(',"reviewTaskId":', review.taskId, to) +
        value(',"reviewFinishedAt":', review.finishedAt, to);
    }
    if (pull)
      chunks.text +=
        value(',"pullTaskId":', pull.taskId, to) +
        value(',"pullErrCode":', pull.errCode, to) +
        value(',"pullMessage":', pull.message, to);
  }
  if (input.replayedAt) chunks.text += `,"replayedAt":"${isoText(input.replayedAt)}"`;
  if (input.replayOf !== undefined) chunks.text += `,"replayOf":"${String(input.replayOf)}"`;
}

const mediaKeys = mediaColumns.map((column) => [column, `,"${column}":`] as const);

/** `key` and the value as JSON, or nothing when the value is null (or JSON would write null or nothing). */
function value(key: string, value: unknown, to: Writer): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return key + to.text(value);
  if (typeof value === "number") return Number.isFinite(value) ? key + String(value) : "";
  if (typeof value === "boolean") return key + String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : `${key}"${isoText(value)}"`;
  const json = to.json(value);
  return json === undefined || json === "null" ? "" : key + json;
}

// toISOString costs ~0.6 µs; the times of a group fall in a few seconds, and two texts of one second differ only in
// their milliseconds. Bounded: it starts again when full.
const secondTexts = new Map<number, string>();
const SECOND_TEXTS = 256;

function isoText(date: Date): string {
  const time = date.getTime();
  const second = Math.floor(time / 1000);
  let prefix = secondTexts.get(second);
  if (prefix === undefined) {
    const text = date.toISOString();
    // "YYYY-MM-DDTHH:MM:SS.sssZ"; a year of more digits is not cached.
    if (text.length !== 24) return text;
    if (secondTexts.size >= SECOND_TEXTS) secondTexts.clear();
    prefix = text.slice(0, 20);
    secondTexts.set(second, prefix);
  }
  const ms = time - second * 1000;
  return `${prefix}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}

// Written at a bound of 3 bytes a UTF-16 unit (no pass over the text to measure it) into a buffer kept between
// calls, then copied once into one of the exact size: a fresh buffer at the bound was too large to come from the
// heap, and its new pages cost more than the copy (issue 13). A group too large to keep a buffer for gets its own.
let scratch = Buffer.allocUnsafeSlow(1 << 16);
const SCRATCH_MAX = 1 << 20;

function toBytes(chunks: readonly string[]): Buffer {
  let bound = 1;
  for (const chunk of chunks) bound += chunk.length * 3;
  if (bound > scratch.length && bound <= SCRATCH_MAX)
    scratch = Buffer.allocUnsafeSlow(Math.max(bound, scratch.length * 2));
  const into = bound <= scratch.length ? scratch : Buffer.allocUnsafeSlow(bound);
  into[0] = JSONB_VERSION;
  let at = 1;
  for (const chunk of chunks) at += into.write(chunk, at);
  if (into !== scratch) return into.subarray(0, at);
  const bytes = Buffer.allocUnsafe(at);
  scratch.copy(bytes, 0, 0, at);
  return bytes;
}

const JSONB_VERSION = 1;

const unstorableEscape = /\\u(?:0000|d[89a-f])/i;

function storableValue(_key: string, value: unknown): unknown {
  return typeof value === "string" ? toStorableText(value) : value;
}
