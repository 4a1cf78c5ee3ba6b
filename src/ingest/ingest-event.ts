// The one use case every channel calls (DESIGN §2): push callbacks, the pull worker, admin replay and reconcile.
// authenticate → parse → normalise → one statement (record + apply) → outcome. The caller acknowledges only what
// this function returns: it returns after the commit, and throws (database_unavailable) when nothing was stored.
// Channel `replay` (an admin re-running a stored event) takes the same steps but its own statement
// (replayEventsSql): the stored event's key is taken, so it applies its patch anyway, at the event's original
// receivedAt, answers `duplicate` when that changed nothing, and records itself only when it changed an upload.
import { isUtf8 } from "node:buffer";
import { randomUUID } from "node:crypto";
import { AppError } from "../errors.js";
import type { Db } from "../db/db.js";
import { isDatabaseUnavailable } from "../db/is-database-unavailable.js";
import { dedupeKey } from "../events/dedupe-key.js";
import { findRawStorageHazard } from "../events/find-raw-storage-hazard.js";
import { findStorageHazard } from "../events/find-storage-hazard.js";
import { normaliseEvent, type NormaliseResult } from "../events/normalise-event.js";
import { newUploadId } from "../uploads/upload-ref.js";
import { toUploadPatch, type UploadPatch } from "../uploads/upload-patch.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { parseBody } from "./parse-body.js";
import type { EventWriter } from "./group-commit.js";
import { recordEvent, type EventRow, type RecordEventInput } from "../db/record-event.js";

// The walk of the parsed body can only find what the text scan cannot see: a lone surrogate written as such, not as
// an escape (a pull or replay body is a JS string; JSON.parse keeps a lone one). In a well-formed text every NUL and
// lone surrogate of the parsed body came from an escape and nesting from brackets, all of which the text scan
// checked. isWellFormed is native (a text decoded from UTF-8, as every callback is, always passes), where a regex
// over the text for any surrogate, paired or not, cost ~1.5 µs a callback (issue 13).

export type Channel = "push" | "pull" | "replay" | "reconcile";

export type IngestResult =
  | {
      outcome: "applied";
      eventId: string;
      fileId: string;
      status: UploadStatus;
      uploads: Array<{ fileId: string; status: UploadStatus }>;
    }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; eventId: string }
  | { outcome: "invalid"; eventId: string | null; errors: unknown[] };

export interface IngestInput {
  raw: string;
  /** The body as received, when `raw` is its UTF-8 decoding (a callback): stored as these bytes when they are
   *  valid UTF-8, so the statement's parameter splices them without encoding the text again. */
  bytes?: Buffer;
  channel: Channel;
  /** Channel-specific check of the parsed body (push: Sign/T). Throws an AppError to refuse. */
  authenticate?: (body: Record<string, unknown>) => void;
  /** When the event arrived; for a replay, when the stored event first arrived (the status rule's arrival time). */
  receivedAt?: Date;
  /** Channel `replay`: the id of the stored event being replayed. */
  replayOf?: bigint;
}

export interface IngestDeps {
  db: Db;
  /** Group commit shared by concurrent callers; without it each event is its own statement. */
  writer?: EventWriter;
  /** Told of every stored outcome (metrics). */
  observe?: (facts: { channel: Channel; eventType: string; outcome: IngestResult["outcome"]; seconds: number }) => void;
}

export async function ingestEvent(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const started = performance.now();
  const { result, eventType } = await ingestOnce(deps, input);
  deps.observe?.({
    channel: input.channel,
    eventType,
    outcome: result.outcome,
    seconds: (performance.now() - started) / 1000,
  });
  return result;
}

/** ingestEvent's steps before the statement: the record to write, and the normalise result the answer is made of. */
export interface PreparedEvent extends RecordEventInput {
  normalised: NormaliseResult;
}

/**
 * Parse → authenticate → normalise → hazards → dedupe key → patch → the record, without the database. Pure but for
 * the ids it draws and `new Date()` when input.receivedAt is unset; throws what ingestEvent throws before writing.
 * The property tests call it on hostile bodies (test/unit/callback-parsing-properties.test.ts).
 */
export function prepareEvent(input: IngestInput): PreparedEvent {
  const { body, text } = parseBody(input.raw);
  input.authenticate?.(body);
  // The text too: the digits of an integer JSON.parse rounded are only there (exact-integers.ts).
  const normalised = normaliseEvent(body, text);
  const hazard = findRawStorageHazard(text) ?? (text.isWellFormed() ? null : findStorageHazard(body));
  const patch = normalised.ok ? toUploadPatch(normalised.event) : null;
  const channel = input.channel;
  // The body's own key belongs to the stored event; a recorded replay gets one of its own that names it.
  const key = channel === "replay" ? `replay:${dedupeKey(body)}:${randomUUID()}` : dedupeKey(body);
  const row = eventRow(normalised, channel, key, patch, hazard, text);
  const receivedAt = input.receivedAt ?? new Date();
  const newIds = patch === null ? [] : newIdsFor(patch.files);
  const payloadJson = hazard ? null : payloadOf(input, text);
  // One object: the record the statement takes carries the normalise result along, no wrapper per event.
  if (channel !== "replay") return { row, receivedAt, patch, newIds, payloadJson, normalised };
  return {
    row,
    receivedAt,
    patch,
    newIds,
    payloadJson,
    replayedAt: new Date(),
    ...(input.replayOf !== undefined ? { replayOf: input.replayOf } : {}),
    normalised,
  };
}

/** One id per file of the patch (an id is drawn for each, used or not). */
function newIdsFor(files: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (let index = 0; index < files.length; index += 1) ids.push(newUploadId());
  return ids;
}

/** The body's bytes when they are exactly `text` in UTF-8 (valid UTF-8: decoding replaced nothing; a byte-order mark
 *  parseBody dropped is dropped here too), else the text. isUtf8 is native and checks ~1 KB in well under a µs. */
function payloadOf(input: IngestInput, text: string): string | Buffer {
  const bytes = input.bytes;
  if (!bytes || !isUtf8(bytes)) return text;
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

async function ingestOnce(deps: IngestDeps, input: IngestInput): Promise<{ result: IngestResult; eventType: string }> {
  const record = prepareEvent(input);
  const { row, normalised } = record;
  let recorded;
  try {
    recorded =
      deps.writer && input.channel !== "replay" ? await deps.writer.write(record) : await recordEvent(deps.db, record);
  } catch (error) {
    if (isDatabaseUnavailable(error))
      throw new AppError("database_unavailable", "database unavailable; event not stored", undefined, { cause: error });
    throw error;
  }
  const { eventId, uploads, pulled } = recorded;
  const done = (result: IngestResult) => ({ result, eventType: row.eventType });
  if (!normalised.ok) return done({ outcome: "invalid", eventId, errors: normalised.issues });
  if (eventId === null) return done({ outcome: "duplicate" });
  if (row.outcome === "ignored") return done({ outcome: "ignored", eventId });
  // A failed PullComplete made no file: its upload (found by pull TaskId) is named by its id, the API's other ref.
  const first = uploads[0] ?? (pulled ? { fileId: pulled.fileId ?? pulled.id, status: pulled.status } : undefined);
  if (!first) throw new Error("event applied but no upload row returned");
  return done({ outcome: "applied", eventId, fileId: first.fileId, status: first.status, uploads });
}

function eventRow(
  normalised: NormaliseResult,
  channel: Channel,
  key: string,
  patch: UploadPatch | null,
  hazard: string | null,
  text: string,
): EventRow {
  const payloadText = hazard ? text : null;
  if (!normalised.ok) {
    return {
      dedupeKey: key,
      eventType: normalised.eventType ?? "unknown",
      format: normalised.format ?? "unknown",
      channel,
      fileId: normalised.fileId,
      procedureTaskId: null,
      payloadText,
      outcome: "invalid",
      error: JSON.stringify(normalised.issues),
    };
  }
  const event = normalised.event;
  return {
    dedupeKey: key,
    eventType: event.eventType,
    format: event.format,
    channel,
    fileId: event.kind === "delete" ? (event.fileIds[0] ?? null) : event.fileId,
    procedureTaskId: event.kind === "upload" || event.kind === "procedure" ? event.procedureTaskId : null,
    payloadText,
    outcome: patch !== null && patch.kind !== "link" ? "applied" : "ignored",
    error: notesOf(hazard, patch?.skippedOutputs ?? 0),
  };
}

/** Notes on what was stored but not read: the raw event keeps all of it (issue 14: unreadable outputs are skipped). */
function notesOf(hazard: string | null, skippedOutputs: number): string | null {
  const kept = hazard ? `payload kept as text: ${hazard}` : null;
  const skipped = skippedOutputs ? `${skippedOutputs} outputs skipped (unreadable, or over 1,000)` : null;
  return kept !== null && skipped !== null ? `${kept}; ${skipped}` : (kept ?? skipped);
}
