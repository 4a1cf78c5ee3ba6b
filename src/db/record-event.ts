// Runs the hot-path statement (record-events-sql.ts) for a group of events, or one; admin replays run its replay
// variant. The group must not name a dedupe key or a FileId twice (group-commit.ts takes care of that). Each
// event's payload is spliced into the one JSON parameter as received (valid JSON text, parsed once by the caller).
//
// The statement goes to the client's pg pool, not through $queryRawUnsafe (issue 7): Prisma's client engine
// passes a raw query and its parameters through the wasm query compiler as JSON, so a group's parameter (a few
// hundred KB, twice that in memory once it holds non-Latin-1 text) was copied about five times per statement, each
// copy big enough for V8's large-object space, which only a full GC empties; at 256 connections that alone held
// ~50 MB of RSS. Same SQL, same pool, one text parameter; classifyDatabaseError reads pg's errors as well as
// Prisma's. A statement that lost a race (a deadlock, 40P01) is run again here, a few times (retry-on-conflict.ts).
//
// Named prepared statements (issue 13): each pool connection parses and plans a statement once, and after five
// runs keeps PostgreSQL's generic plan; unnamed, parse and plan cost ~3 ms of PostgreSQL CPU per statement, ten
// times the execution of a lone event. Except on the embedded database: its socket server runs every connection in
// ONE session (pglite-socket queues them onto one PGlite), so the name a connection prepares is already taken for
// the next one (42P05 duplicate_prepared_statement, raised at Parse: nothing ran). A pool that answers so runs the
// statements unnamed from then on, as before.
import type pg from "pg";
import type { Db } from "./db.js";
import { retryOnConflict } from "./retry-on-conflict.js";
import type { UploadPatch } from "../uploads/upload-patch.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { recordEventsSql, recordEventsWithLinksSql, replayEventsSql } from "./record-events-sql.js";
import { toStorableText } from "../storable-text.js";

/** What a stored VodEvent row says happened to it (`duplicate` is an answer, never a row). */
export const storedOutcomes = ["applied", "ignored", "invalid"] as const;

export interface EventRow {
  dedupeKey: string;
  eventType: string;
  format: string;
  channel: string;
  fileId: string | null;
  procedureTaskId: string | null;
  /** The body when jsonb cannot hold it, else null. */
  payloadText: string | null;
  outcome: (typeof storedOutcomes)[number];
  error: string | null;
}

export interface RecordEventInput {
  row: EventRow;
  receivedAt: Date;
  patch: UploadPatch | null;
  /** Ids for the rows this event may create, one per file of the patch. */
  newIds: string[];
  /** The JSON text to store as jsonb, or null (then row.payloadText holds the body). */
  payloadJson: string | null;
  /** Set for an admin replay of a stored event: runs replayEventsSql (see there); receivedAt stays the original. */
  replayedAt?: Date;
  /** With replayedAt: the id of the stored event being replayed, kept on the row that records the replay. */
  replayOf?: bigint;
}

export interface RecordEventResult {
  /** null = a duplicate: nothing was written. */
  eventId: string | null;
  uploads: Array<{ fileId: string; status: UploadStatus }>;
}

/** The statement's one row: event ids by dedupe key, upload statuses by FileId (both jsonb). */
interface AnswerRow {
  eventIds: Record<string, string>;
  statuses: Record<string, UploadStatus>;
}

export async function recordEvent(db: Db, input: RecordEventInput): Promise<RecordEventResult> {
  const [result] = await recordEvents(db, [input]);
  if (!result) throw new Error("recordEvents returned no result");
  return result;
}

export async function recordEvents(db: Db, inputs: readonly RecordEventInput[]): Promise<RecordEventResult[]> {
  const replays = inputs.filter((input) => input.replayedAt !== undefined).length;
  if (replays !== 0 && replays !== inputs.length) throw new Error("one statement cannot mix replays and new events");
  const statement = replays ? replay : inputs.some(namesOtherFiles) ? recordWithLinks : record;
  const param = recordEventsParam(inputs);
  const [row] = (await retryOnConflict(() => run(db.pool, statement, param))).rows;
  const eventIds = row?.eventIds ?? {};
  const statuses = row?.statuses ?? {};
  return inputs.map((input) => {
    const eventId = eventIds[input.row.dedupeKey] ?? null;
    const uploads =
      eventId === null
        ? []
        : (input.patch?.files ?? []).flatMap((file) => {
            const status = statuses[file.fileId];
            return status ? [{ fileId: file.fileId, status }] : [];
          });
    return { eventId, uploads };
  });
}

const record = { name: "record-events", text: recordEventsSql };
const recordWithLinks = { name: "record-events-links", text: recordEventsWithLinksSql };
const replay = { name: "replay-events", text: replayEventsSql };

/** Pools whose connections share one session (the embedded database): their statements run unnamed. */
const sharedSession = new WeakSet<pg.Pool>();

async function run(pool: pg.Pool, statement: { name: string; text: string }, param: string) {
  if (!sharedSession.has(pool)) {
    try {
      return await pool.query<AnswerRow>({ ...statement, values: [param] });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "42P05") throw error;
      sharedSession.add(pool);
    }
  }
  return pool.query<AnswerRow>(statement.text, [param]);
}

/** Whether the event must be linked to a FileId other than its own VodEvent.fileId (the links step's condition). */
function namesOtherFiles(input: RecordEventInput): boolean {
  return input.patch?.files.some((file) => file.fileId !== input.row.fileId) ?? false;
}

/** The statement's one parameter: {"items": [...], "files": [...]}, each item with its payload spliced in. */
export function recordEventsParam(inputs: readonly RecordEventInput[]): string {
  const items: string[] = [];
  const files: unknown[] = [];
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
      ...(input.replayedAt ? { replayedAt: input.replayedAt.toISOString() } : {}),
      ...(input.replayOf !== undefined ? { replayOf: String(input.replayOf) } : {}),
    };
    // JSON.stringify writes a NUL or a lone surrogate only as such an escape, so the replacer (one call per value)
    // runs only when one is there; an escaped backslash before "u0000" just takes the slower way.
    let item = JSON.stringify(fields);
    if (unstorableEscape.test(item)) item = JSON.stringify(fields, storable);
    items.push(`${item.slice(0, -1)},"payload":${input.payloadJson ?? "null"}}`);
    patch?.files.forEach((file, index) => files.push({ i, id: input.newIds[index], ...file }));
  });
  return `{"items":[${items.join(",")}],"files":${JSON.stringify(files, storable)}}`;
}

const unstorableEscape = /\\u(?:0000|d[89a-f])/i;

// Extracted fields are made storable; the raw body keeps the original (payloadText), so nothing is lost.
function storable(_key: string, value: unknown): unknown {
  return typeof value === "string" ? toStorableText(value) : value;
}
