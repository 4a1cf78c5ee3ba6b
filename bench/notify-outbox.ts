// What bench/notify.ts reads of the outbox (NotifyMessage) of the service's scratch database, on a connection of its
// own: the last id, how many were written or are pending after an id, and how long until none is pending.
import pg from "pg";

export const DRAIN_LIMIT_MS = 300_000;

export interface Outbox {
  client: pg.Client;
  count(sql: string, values?: unknown[]): Promise<number>;
  lastId(): Promise<number>;
  written(afterId: number): Promise<number>;
  pending(afterId?: number): Promise<number>;
  /** ms until no message after `afterId` is pending (polled every 100 ms), or null past DRAIN_LIMIT_MS. */
  drained(afterId?: number): Promise<number | null>;
  /** [id, createdAt in ms] of the messages after `afterId`. */
  createdAfter(afterId: number): Promise<Array<[number, number]>>;
  close(): Promise<void>;
}

export async function openOutbox(databaseUrl: string): Promise<Outbox> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const count = async (sql: string, values: unknown[] = []) =>
    Number((await client.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
  const pending = (afterId = 0) =>
    count(`SELECT count(*) AS n FROM "NotifyMessage" WHERE status = 'pending' AND id > $1`, [afterId]);
  return {
    client,
    count,
    lastId: () => count(`SELECT coalesce(max(id), 0) AS n FROM "NotifyMessage"`),
    written: (afterId) => count(`SELECT count(*) AS n FROM "NotifyMessage" WHERE id > $1`, [afterId]),
    pending,
    async drained(afterId = 0) {
      const start = Date.now();
      while ((await pending(afterId)) > 0) {
        if (Date.now() - start > DRAIN_LIMIT_MS) return null;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return Date.now() - start;
    },
    async createdAfter(afterId) {
      const result = await client.query<{ id: string; created: string }>(
        `SELECT id::text, (extract(epoch FROM "createdAt") * 1000)::bigint::text AS created
         FROM "NotifyMessage" WHERE id > $1`,
        [afterId],
      );
      return result.rows.map((row) => [Number(row.id), Number(row.created)]);
    },
    close: () => client.end(),
  };
}

export const seconds = (ms: number | null) => (ms === null ? `>${DRAIN_LIMIT_MS / 1000}` : (ms / 1000).toFixed(1));

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
