// Retention (issue 6 item 8): deletes stored events received before a cut, never Upload rows (the status they
// produced stays). In batches of ids, each its own short statement, so no lock is held for long and autovacuum
// can keep up; SKIP LOCKED lets two prunes (or a prune and a replay reading an event) pass each other instead of
// queueing. A batch that deletes fewer rows than asked is the last.
import type { Prisma } from "./create-prisma.js";

export const PRUNE_BATCH_SIZE = 5_000;

export interface PruneOptions {
  /** Events received strictly before this instant are deleted. */
  before: Date;
  batchSize?: number;
  onBatch?: (progress: { deleted: number; total: number }) => void;
}

export async function pruneEvents(prisma: Prisma, options: PruneOptions): Promise<{ deleted: number }> {
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  const before = options.before.toISOString();
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`
      DELETE FROM "VodEvent" WHERE id IN (
        SELECT id FROM "VodEvent" WHERE "receivedAt" < ${before}::timestamptz LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
    total += deleted;
    if (deleted > 0) options.onBatch?.({ deleted, total });
    if (deleted < batchSize) return { deleted: total };
  }
}
