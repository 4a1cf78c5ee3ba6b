// Group commit (DESIGN §10): callbacks that arrive while a statement is running are written together by the next
// one — one round trip, one parse/plan and one WAL flush for the group — and each caller still gets its own
// outcome, only after the commit that holds its event. Nothing waits for a timer: a lone callback is written at
// once; groups form by themselves under load, while the in-flight statements are busy.
//
// A group never names one dedupe key or FileId twice (one statement cannot update a row twice); such an event
// waits for the next group. A group that lost a race (deadlock) was already run again (record-event.ts); if it still
// fails for a reason other than the database being unreachable or refusing us, its events are retried one by one,
// so one poisonous event cannot fail its neighbours. A statement cancelled by statement_timeout (57014) counts as
// unreachable: one by one, each would wait out the timeout again.
import type { Db } from "../db/db.js";
import { classifyDatabaseError } from "../db/classify-database-error.js";
import { recordEvents, type RecordEventInput, type RecordEventResult } from "../db/record-event.js";

export interface EventWriter {
  write(input: RecordEventInput): Promise<RecordEventResult>;
}

interface Pending {
  input: RecordEventInput;
  resolve(result: RecordEventResult): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Largest group per statement. */
  maxGroup?: number;
  /** Statements in flight at once (each holds a pool connection). */
  maxInFlight?: number;
  /** Called after each statement, for metrics and benchmarks. */
  onGroup?: (size: number) => void;
}

export function createGroupCommit(db: Db, options: GroupCommitOptions = {}): EventWriter {
  const maxGroup = options.maxGroup ?? 200;
  const maxInFlight = options.maxInFlight ?? 2;
  const queue: Pending[] = [];
  let inFlight = 0;

  const takeGroup = (): Pending[] => {
    const group: Pending[] = [];
    const keys = new Set<string>();
    const fileIds = new Set<string>();
    for (let index = 0; index < queue.length && group.length < maxGroup; ) {
      const pending = queue[index] as Pending;
      const files = pending.input.patch?.files.map((file) => file.fileId) ?? [];
      if (keys.has(pending.input.row.dedupeKey) || files.some((fileId) => fileIds.has(fileId))) {
        index += 1;
        continue;
      }
      keys.add(pending.input.row.dedupeKey);
      files.forEach((fileId) => fileIds.add(fileId));
      group.push(pending);
      queue.splice(index, 1);
    }
    return group;
  };

  const run = async (group: Pending[]): Promise<void> => {
    try {
      const results = await recordEvents(db, group.map((pending) => pending.input));
      group.forEach((pending, index) => pending.resolve(results[index] as RecordEventResult));
    } catch (error) {
      const kind = classifyDatabaseError(error)?.kind;
      if (group.length === 1 || kind === "unavailable" || kind === "misconfigured") {
        group.forEach((pending) => pending.reject(error));
        return;
      }
      for (const pending of group) await run([pending]);
    } finally {
      options.onGroup?.(group.length);
    }
  };

  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const group = takeGroup();
      inFlight += 1;
      void run(group).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return {
    write(input) {
      return new Promise<RecordEventResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        pump();
      });
    },
  };
}
