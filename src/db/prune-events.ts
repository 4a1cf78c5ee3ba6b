// Retention (issue 6 item 8): deletes stored events received before a cut, never Upload rows (the status they
// produced stays). In batches of ids, each its own short statement, so no lock is held for long and autovacuum
// can keep up; SKIP LOCKED lets two prunes run at once without queueing on each other's rows. A batch that
// deletes fewer rows than asked is the last. `id = ANY(ARRAY(…))`, not `id IN (…)`: with
// IN, PostgreSQL 15 hash-joined the batch against a sequential scan of the whole table (105 ms per batch of 5,000
// at 300k rows, growing with the table); ANY makes it 5,000 primary-key lookups (12 ms, whatever the size).
// The cut is found through the BRIN index on receivedAt (migration 20261206050000_hot_path_indexes): the oldest
// block ranges only, 3 ms for a batch of 5,000 at 300k rows.
import { durationSchema } from "../config.js";
import type { Db } from "./db.js";

export const PRUNE_BATCH_SIZE = 5_000;

/** `--older-than`: the binary's one duration syntax (90d, 12h), at least an hour — the newest events are still
 * being delivered, pulled and replayed. */
export const olderThanSchema = durationSchema.refine((ms) => ms >= 3_600_000, "must be at least 1h");

export interface PruneOptions {
  /** Events received strictly before this instant are deleted. */
  before: Date;
  batchSize?: number;
  onBatch?: (progress: { deleted: number; total: number }) => void;
}

export async function pruneEvents(db: Db, options: PruneOptions): Promise<{ deleted: number }> {
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  const before = options.before.toISOString();
  let total = 0;
  for (;;) {
    const deleted = await db.prisma.$executeRaw`
      DELETE FROM "VodEvent" WHERE id = ANY(ARRAY(
        SELECT id FROM "VodEvent" WHERE "receivedAt" < ${before}::timestamptz LIMIT ${batchSize} FOR UPDATE SKIP LOCKED))`;
    total += deleted;
    if (deleted > 0) options.onBatch?.({ deleted, total });
    if (deleted < batchSize) return { deleted: total };
  }
}
