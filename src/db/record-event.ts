// Runs the hot-path statement (record-events-sql.ts) for a group of events, or one; admin replays run its replay
// variant. The group must not name a dedupe key or a FileId twice (group-commit.ts takes care of that). Each
// event's payload goes as the bytes it arrived in (record-events-param.ts).
//
// The statement goes to the client's pg pool, not through $queryRawUnsafe (issue 7): Prisma's client engine
// passes a raw query and its parameters through the wasm query compiler as JSON, so a group's parameter (a few
// hundred KB, twice that in memory once it holds non-Latin-1 text) was copied about five times per statement, each
// copy big enough for V8's large-object space, which only a full GC empties; at 256 connections that alone held
// ~50 MB of RSS. Same SQL, same pool, one text parameter; classifyDatabaseError reads pg's errors as well as
// Prisma's. A statement that lost a race (a deadlock, 40P01) is run again here, a few times (retry-on-conflict.ts).
// Where the Db has a pipelined connection (create-pipeline.ts: a PostgreSQL server), the statement goes there, so
// the next group can be on its way while this one runs; on the pool otherwise (the embedded database, below).
//
// Named prepared statements (issue 13): each pool connection parses and plans a statement once, and after five
// runs keeps PostgreSQL's generic plan; unnamed, parse and plan cost ~3 ms of PostgreSQL CPU per statement, ten
// times the execution of a lone event. Except on the embedded database: its socket server runs every connection in
// ONE session (pglite-socket queues them onto one PGlite), so the name a connection prepares is already taken for
// the next one (42P05 duplicate_prepared_statement, raised at Parse: nothing ran). A pool that answers so has one
// session for all its connections: a name prepared by any of them is usable by all, so each connection is told that
// the session holds it (node-postgres then sends Bind/Execute only). Unnamed there, every group statement was parsed
// and planned again inside the service's own process (issue 16's bigger statement made that 35 % of the embedded
// figure). node-postgres keeps what a connection has parsed in connection.parsedStatements (pg 8.x, pinned).
import type pg from "pg";
import type { Db } from "./db.js";
import { retryOnConflict } from "./retry-on-conflict.js";
import { recordEventsStatement } from "./record-events-sql.js";
import { noSteps, stepsName, type Steps } from "./statement-steps.js";
import { replayEventsSql } from "./replay-events-sql.js";
import type { RecordEventInput, RecordEventResult } from "./record-event-input.js";
import { recordEventsParams } from "./record-events-param.js";
import { recordPullEvent } from "./record-pull-event.js";
import { messagesWritten } from "./messages-written.js";
import { uploadsChanged } from "./uploads-changed.js";
import { statementAnswer, type AnswerRow } from "./statement-answer.js";

export { recordEventsParams };

export { storedOutcomes, type EventRow, type RecordEventInput, type RecordEventResult } from "./record-event-input.js";

export async function recordEvent(db: Db, input: RecordEventInput): Promise<RecordEventResult> {
  const [result] = await recordEvents(db, [input]);
  if (!result) throw new Error("recordEvents returned no result");
  return result;
}

export async function recordEvents(db: Db, inputs: readonly RecordEventInput[]): Promise<RecordEventResult[]> {
  // PullComplete (issue 15) runs in a transaction of its own; the rest of the group is unchanged.
  if (inputs.some((input) => input.patch?.pull)) return recordWithPulls(db, inputs);
  const replays = inputs.filter((input) => input.replayedAt !== undefined).length;
  if (replays !== 0 && replays !== inputs.length) throw new Error("one statement cannot mix replays and new events");
  const statement = replays ? replay : recordStatement(stepsOf(inputs));
  const params = recordEventsParams(inputs);
  const [row] = (
    await retryOnConflict(() =>
      db.pipeline ? db.pipeline.query<AnswerRow>(statement, params) : run(db.pool, statement, params),
    )
  ).rows;
  const answer = statementAnswer(row);
  // Committed: the workers of this process deliver now rather than at their next poll.
  if (answer.messages) messagesWritten(db.pool);
  // Long polls of this process on these uploads look again (the statement notified the other processes' own).
  if (answer.statuses.size) uploadsChanged(db.pool, [...answer.statuses.keys()]);
  return inputs.map((input) => {
    const eventId = answer.eventIds.get(input.row.dedupeKey) ?? null;
    const uploads =
      eventId === null
        ? []
        : (input.patch?.files ?? []).flatMap((file) => {
            const status = answer.statuses.get(file.fileId);
            return status ? [{ fileId: file.fileId, status }] : [];
          });
    return { eventId, uploads };
  });
}

const replay = { name: "replay-events", text: replayEventsSql };

/** The group's PullComplete events one by one (record-pull-event.ts), then the others as one statement. */
async function recordWithPulls(db: Db, inputs: readonly RecordEventInput[]): Promise<RecordEventResult[]> {
  const results = new Map<RecordEventInput, RecordEventResult>();
  for (const input of inputs) {
    if (!input.patch?.pull) continue;
    // A replay applies the same steps: its own key is new, so it records itself like a first delivery.
    results.set(input, await recordPullEvent(db, input, stepsOf([input])));
  }
  const others = inputs.filter((input) => !results.has(input));
  const recorded = others.length ? await recordEvents(db, others) : [];
  others.forEach((input, index) => results.set(input, recorded[index] as RecordEventResult));
  return inputs.map((input) => results.get(input) as RecordEventResult);
}

// One named statement per set of steps a group has needed, built on first use: at most 2^6, a handful in practice.
const statements = new Map<string, { name: string; text: string }>();
function recordStatement(steps: Steps): { name: string; text: string } {
  const name = stepsName("record-events", steps);
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = { name, text: recordEventsStatement(steps) }));
  return statement;
}

/** Pools whose connections share one session (the embedded database), with the statement names it has prepared. */
const sharedSessions = new WeakMap<pg.Pool, Set<string>>();

async function run(pool: pg.Pool, statement: { name: string; text: string }, params: Buffer[]) {
  const prepared = sharedSessions.get(pool);
  if (!prepared) {
    try {
      return await pool.query<AnswerRow>({ ...statement, values: params });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "42P05") throw error;
      sharedSessions.set(pool, new Set([statement.name]));
      return runInSharedSession(pool, statement, params);
    }
  }
  return runInSharedSession(pool, statement, params);
}

interface ParsedStatements {
  connection?: { parsedStatements?: Record<string, string> };
}

async function runInSharedSession(pool: pg.Pool, statement: { name: string; text: string }, params: Buffer[]) {
  const prepared = sharedSessions.get(pool) as Set<string>;
  const client = await pool.connect();
  try {
    const parsed = (client as unknown as ParsedStatements).connection?.parsedStatements;
    if (!parsed) return await client.query<AnswerRow>(statement.text, params);
    if (prepared.has(statement.name)) parsed[statement.name] = statement.text;
    try {
      const result = await client.query<AnswerRow>({ ...statement, values: params });
      prepared.add(statement.name);
      return result;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "42P05") throw error;
      // Another connection prepared it since: the session holds it now.
      prepared.add(statement.name);
      parsed[statement.name] = statement.text;
      return await client.query<AnswerRow>({ ...statement, values: params });
    }
  } finally {
    client.release();
  }
}

/** The steps the group needs besides the event and upload ones (record-events-sql.ts). */
function stepsOf(inputs: readonly RecordEventInput[]): Steps {
  const steps = { ...noSteps };
  for (const { patch, row } of inputs) {
    if (!patch) continue;
    if (patch.outputs.length) steps.outputs = true;
    if (patch.tasks.length) steps.tasks = true;
    if (patch.derivedFrom) steps.derived = true;
    if (patch.review) steps.review = true;
    if (patch.pull) steps.pull = true;
    for (const file of patch.files) {
      // linked to a FileId other than its own VodEvent.fileId
      if (file.fileId !== row.fileId) steps.links = true;
      if (file.linkOnly || patch.kind === "link") steps.linkOnly = true;
      if (file.deletedParts?.length) steps.deletes = true;
    }
  }
  return steps;
}
