// Retention of notifications (issue 16, beside issue 6 item 8's events): deletes the messages that are done —
// delivered, or failed with their schedule spent — created before a cut, with their attempts (NotifyAttempt has no
// foreign key: it is deleted here by messageId). Pending messages stay whatever their age. So does a done message
// whose change (uploadId, sequence) still has a pending one: that one may be rendered from this one's snapshot (the
// hot path keeps it on a change's first message for each endpoint only, claim-messages.ts); the next prune after
// it is done takes both. A failed message deleted here can no longer be recovered (POST
// /admin/endpoints/:id/recover): the cut is the operator's choice.
// In batches, each its own short statement that locks its rows SKIP LOCKED, as pruneEvents does. The messages'
// ids grow with their creation, and NotifyMessage has no index on createdAt: the first id created at or after the
// cut bounds every batch (found once, by the primary key from its start: it reads the rows to delete and stops). A
// message created before the cut with a larger id (concurrent statements, milliseconds apart) waits for the next
// prune.
import type { Db } from "./db.js";

export const PRUNE_MESSAGES_BATCH_SIZE = 5_000;

export interface PruneMessagesOptions {
  /** Messages created strictly before this instant may be deleted. */
  before: Date;
  batchSize?: number;
  onBatch?: (progress: { messages: number; attempts: number; total: number }) => void;
}

export async function pruneMessages(
  db: Db,
  options: PruneMessagesOptions,
): Promise<{ messages: number; attempts: number }> {
  const batchSize = options.batchSize ?? PRUNE_MESSAGES_BATCH_SIZE;
  const before = options.before.toISOString();
  const bound = await db.pool.query<{ id: string | null }>(
    `SELECT (SELECT id FROM "NotifyMessage" WHERE "createdAt" >= $1::timestamptz ORDER BY id LIMIT 1)::text AS id`,
    [before],
  );
  // No message at or after the cut: every id is below the bound.
  const below = bound.rows[0]?.id ?? "9223372036854775807";
  let messages = 0;
  let attempts = 0;
  for (;;) {
    const result = await db.pool.query<{ messages: number; attempts: number }>(
      `WITH batch AS (
         SELECT m.id FROM "NotifyMessage" m
         WHERE m.id < $2::bigint AND m."createdAt" < $1::timestamptz AND m.status IN ('delivered', 'failed')
           AND NOT EXISTS (SELECT 1 FROM "NotifyMessage" p
                           WHERE p."uploadId" = m."uploadId" AND p.sequence = m.sequence AND p.status = 'pending')
         ORDER BY m.id
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), gone AS (
         DELETE FROM "NotifyMessage" WHERE id = ANY (ARRAY(SELECT id FROM batch)) RETURNING id
       ), tries AS (
         DELETE FROM "NotifyAttempt" WHERE "messageId" = ANY (ARRAY(SELECT id FROM gone)) RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone)::int AS messages, (SELECT count(*) FROM tries)::int AS attempts`,
      [before, below, batchSize],
    );
    const batch = result.rows[0] ?? { messages: 0, attempts: 0 };
    messages += batch.messages;
    attempts += batch.attempts;
    if (batch.messages > 0) options.onBatch?.({ ...batch, total: messages });
    if (batch.messages < batchSize) return { messages, attempts };
  }
}
