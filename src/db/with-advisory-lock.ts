// Runs `work` only while this process holds a PostgreSQL advisory lock, without waiting for it: when another
// process (a replica) holds it, answers { acquired: false } at once. Session-level (pg_try_advisory_lock) on a
// connection of its own, outside the Prisma pool and idle while `work` runs on the pool: PostgreSQL releases it
// when the connection ends, so a crashed holder cannot keep it. Not transaction-level on purpose: the embedded
// database (pglite-socket) serves only the connection that holds an open transaction, so a lock held in one would
// stall every other query. Like the migration lock (migrate.ts), it needs a direct connection, not a
// transaction-mode pooler (PgBouncer), where the session would not stay ours.
import pg from "pg";

export type LockedRun<T> = { acquired: true; value: T } | { acquired: false };

// Locks this process holds. The embedded database serves every connection from ONE PostgreSQL session, where an
// advisory lock is re-entrant and excludes nobody; this set keeps two runs of one process apart there too.
const heldHere = new Set<string>();

export async function withAdvisoryLock<T>(
  databaseUrl: string,
  lockId: number,
  work: () => Promise<T>,
): Promise<LockedRun<T>> {
  const key = `${lockId}@${databaseUrl}`;
  if (heldHere.has(key)) return { acquired: false };
  heldHere.add(key);
  try {
    return await withSessionLock(databaseUrl, lockId, work);
  } finally {
    heldHere.delete(key);
  }
}

async function withSessionLock<T>(databaseUrl: string, lockId: number, work: () => Promise<T>): Promise<LockedRun<T>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  // A connection lost mid-run only ends the lock; the work goes on, and its own queries report an outage.
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ acquired: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS acquired", [
      lockId,
    ]);
    if (!rows[0]?.acquired) return { acquired: false };
    try {
      return { acquired: true, value: await work() };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [lockId]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
