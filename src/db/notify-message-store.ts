// Reading and re-queuing notification messages for the admin (issue 16 §3): lists per endpoint or per upload with
// their attempts, a resend of one message (same webhook-id: receivers dedupe by it), and recover: everything that
// failed for an endpoint since a time goes back to the queue. The backlog's age is a metric.
import { AppError } from "../errors.js";
import type { Db } from "./db.js";
import type { NotifyAttempt, NotifyMessage } from "./generated/client.js";

export type MessageView = Omit<NotifyMessage, "snapshot" | "claimToken">;
export type AttemptView = NotifyAttempt;

export async function listNotifyMessages(
  db: Db,
  filter: { endpointId?: string; uploadId?: string; status?: string },
  page: { limit: number; beforeId?: bigint },
): Promise<{ items: MessageView[]; next: bigint | null }> {
  const rows = await db.prisma.notifyMessage.findMany({
    where: { ...filter, ...(page.beforeId === undefined ? {} : { id: { lt: page.beforeId } }) },
    omit: { snapshot: true, claimToken: true },
    orderBy: { id: "desc" },
    take: page.limit,
  });
  const last = rows.at(-1);
  return { items: rows, next: rows.length === page.limit && last ? last.id : null };
}

export async function listNotifyAttempts(
  db: Db,
  filter: { endpointId?: string; messageId?: bigint },
  page: { limit: number; beforeId?: bigint },
): Promise<{ items: NotifyAttempt[]; next: bigint | null }> {
  const rows = await db.prisma.notifyAttempt.findMany({
    where: { ...filter, ...(page.beforeId === undefined ? {} : { id: { lt: page.beforeId } }) },
    orderBy: { id: "desc" },
    take: page.limit,
  });
  // An empty first page of one message's attempts: a message not yet tried, or no such message (404, not an empty 200).
  if (rows.length === 0 && filter.messageId !== undefined && page.beforeId === undefined) {
    const exists = await db.pool.query(`SELECT 1 FROM "NotifyMessage" WHERE id = $1`, [filter.messageId]);
    if (exists.rowCount === 0) throw new AppError("not_found", `no message ${filter.messageId}`);
  }
  const last = rows.at(-1);
  return { items: rows, next: rows.length === page.limit && last ? last.id : null };
}

/** Back to the queue now with a fresh schedule. A message a worker holds right now is refused (conflict). */
export async function resendMessage(db: Db, id: bigint): Promise<void> {
  const result = await db.pool.query<{ held: boolean }>(
    `UPDATE "NotifyMessage" m SET status = 'pending', attempts = 0, "nextAttemptAt" = now(), "updatedAt" = now()
     FROM (SELECT id, "claimToken" IS NOT NULL AND "nextAttemptAt" > now() AS held FROM "NotifyMessage"
           WHERE id = $1 FOR UPDATE) old
     WHERE m.id = old.id AND NOT old.held
     RETURNING old.held`,
    [id],
  );
  if (result.rowCount === 0) {
    const exists = await db.pool.query(`SELECT 1 FROM "NotifyMessage" WHERE id = $1`, [id]);
    if (exists.rowCount === 0) throw new AppError("not_found", `no message ${id}`);
    throw new AppError("conflict", `message ${id} is being delivered right now`);
  }
}

/** How many failed messages went back to the queue. */
export async function recoverMessages(db: Db, endpointId: string, since: Date): Promise<number> {
  const endpoint = await db.pool.query(`SELECT 1 FROM "NotifyEndpoint" WHERE id = $1`, [endpointId]);
  if (endpoint.rowCount === 0) throw new AppError("not_found", `no endpoint ${endpointId}`);
  const result = await db.pool.query(
    `UPDATE "NotifyMessage" SET status = 'pending', attempts = 0, "nextAttemptAt" = now(), "updatedAt" = now()
     WHERE "endpointId" = $1 AND status = 'failed' AND "createdAt" >= $2`,
    [endpointId, since],
  );
  return result.rowCount ?? 0;
}

/** How many of the next messages due the backlog gauge reads: its query's cost is bounded, whatever the backlog. */
export const BACKLOG_SAMPLE = 1000;

/**
 * Seconds since the oldest of the next BACKLOG_SAMPLE messages due was written (0 with none), for the backlog-age
 * gauge: how far behind delivery is. Read in the pending index's order (nextAttemptAt, id) and stopped there, since
 * every worker runs it every 5 s and the min over all pending rows read them all — a million during an endpoint's
 * outage. A new message is due when written, so the next due are the oldest not yet tried; a retry scheduled further
 * ahead counts once it is among them.
 */
export async function oldestPendingAgeSeconds(db: Db): Promise<number> {
  const result = await db.pool.query<{ age: number | null }>(
    `SELECT extract(epoch FROM now() - min("createdAt"))::float8 AS age
     FROM (SELECT "createdAt" FROM "NotifyMessage" WHERE status = 'pending' ORDER BY "nextAttemptAt", id LIMIT $1) due`,
    [BACKLOG_SAMPLE],
  );
  return result.rows[0]?.age ?? 0;
}
