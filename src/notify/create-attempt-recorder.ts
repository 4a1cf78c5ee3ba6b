// Records delivery attempts in batches without holding any back (issue 16 §3): one statement at a time; what
// finishes while it runs goes in the next (record-attempts.ts). At a trickle each attempt is written at once; under
// load the batches grow with the rate, not the statement count. A batch that fails is written again one attempt at
// a time, so one attempt the database refuses does not take the others with it; an attempt that still cannot be
// written rejects its promise (the lease runs out and the message is tried again: at least once).
import type { Db } from "../db/db.js";
import { recordAttempts, type AttemptRecord } from "../db/record-attempts.js";

const MAX_BATCH = 256;

interface Waiting {
  record: AttemptRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AttemptRecorder {
  /** Resolves once the attempt is stored. */
  record(record: AttemptRecord): Promise<void>;
}

export function createAttemptRecorder(db: Db): AttemptRecorder {
  let queue: Waiting[] = [];
  let writing = false;

  async function write(): Promise<void> {
    writing = true;
    // Attempts that finish in this same turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      try {
        await recordAttempts(
          db,
          batch.map((w) => w.record),
        );
        for (const w of batch) w.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else for (const w of batch) await recordAttempts(db, [w.record]).then(w.resolve, w.reject);
      }
    }
    writing = false;
  }

  return {
    record(record) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ record, resolve, reject });
        if (!writing) void write();
      });
    },
  };
}
