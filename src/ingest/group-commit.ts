// Group commit (DESIGN §10): callbacks that arrive while a statement is running are written together by the next
// one — one round trip, one parse/plan and one WAL flush for the group — and each caller still gets its own
// outcome, only after the commit that holds its event. Nothing waits for a timer: a lone callback is written at
// once; groups form by themselves under load, while the in-flight statements are busy (create-batcher.ts).
//
// A group never names one dedupe key or FileId twice (one statement cannot update a row twice); such an event
// waits for the next group, ahead of later arrivals. A group that lost a race (deadlock) was already run again
// (record-event.ts); if it still fails for a reason other than the database being unreachable or refusing us, its
// events are retried one by one, so one poisonous event cannot fail its neighbours. A statement cancelled by
// statement_timeout (57014) counts as unreachable: one by one, each would wait out the timeout again.
import { createBatcher } from "../db/create-batcher.js";
import type { Db } from "../db/db.js";
import { classifyDatabaseError } from "../db/classify-database-error.js";
import { recordEvents, type RecordEventInput, type RecordEventResult } from "../db/record-event.js";

export interface EventWriter {
  write(input: RecordEventInput): Promise<RecordEventResult>;
}

export interface GroupCommitOptions {
  /** Largest group per statement. */
  maxGroup?: number;
  /** Statements in flight at once (each holds a pool connection). */
  maxInFlight?: number;
  /** A second statement starts only once the running one has taken this long (ms): create-batcher.ts. */
  overlapAfterMs?: number | ((recentMs: number) => number);
  /** Called after each statement (its size, and its time in seconds), for metrics and benchmarks. */
  onGroup?: (facts: { size: number; seconds: number }) => void;
}

// On a pipelined connection (create-pipeline.ts) the next group is sent once the running statement is halfway
// through its usual time: it waits in PostgreSQL's socket and starts the moment the running one commits, while the
// second half of the wait still fills it (issue 13: ~18 events a group, PostgreSQL never idle for Node's round trip;
// 4,200-5,400 → 4,700-6,100 callbacks/s in interleaved runs). Without one (the embedded database), one statement at
// a time, a second only past 20 ms (create-batcher.ts).
const halfOfRecent = (recentMs: number) => recentMs / 2;

export function createGroupCommit(db: Db, options: GroupCommitOptions = {}): EventWriter {
  const record = async (inputs: RecordEventInput[]): Promise<RecordEventResult[]> => {
    const started = performance.now();
    try {
      return await recordEvents(db, inputs);
    } finally {
      options.onGroup?.({ size: inputs.length, seconds: (performance.now() - started) / 1000 });
    }
  };

  const recordGroup = async (
    inputs: RecordEventInput[],
  ): Promise<ReadonlyArray<RecordEventResult | Promise<RecordEventResult>>> => {
    try {
      return await record(inputs);
    } catch (error) {
      const kind = classifyDatabaseError(error)?.kind;
      if (inputs.length === 1 || kind === "unavailable" || kind === "misconfigured") throw error;
      // In order, one statement at a time; each caller is answered as soon as its own statement has committed.
      let previous: Promise<unknown> = Promise.resolve();
      return inputs.map((input) => {
        const alone = previous.then(async () => (await record([input]))[0] as RecordEventResult);
        previous = alone.catch(() => undefined);
        return alone;
      });
    }
  };

  const write = createBatcher(recordGroup, {
    maxBatch: options.maxGroup ?? 200,
    maxInFlight: options.maxInFlight ?? 2,
    overlapAfterMs: options.overlapAfterMs ?? (db.pipeline ? halfOfRecent : 20),
    admit: () => {
      const keys = new Set<string>();
      const fileIds = new Set<string>();
      return (input) => {
        const files = input.patch?.files.map((file) => file.fileId) ?? [];
        if (keys.has(input.row.dedupeKey) || files.some((fileId) => fileIds.has(fileId))) return false;
        keys.add(input.row.dedupeKey);
        files.forEach((fileId) => fileIds.add(fileId));
        return true;
      };
    },
  });
  return { write };
}
