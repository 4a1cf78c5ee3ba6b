// Runs `work` only while this process holds a PostgreSQL advisory lock, without waiting for it: when another
// process (a replica) holds it, answers { acquired: false } at once. The lock is transaction-level
// (pg_try_advisory_xact_lock) on a connection of its own, outside the Prisma pool, held in an open transaction
// for the whole run: it is released by COMMIT, or by PostgreSQL when the connection drops (crash, kill), and it
// also holds behind PgBouncer in transaction mode, where a session-level lock could land on another client's
// session. The transaction writes nothing and, in READ COMMITTED, holds no snapshot between statements, so it
// does not hold back vacuum.
import pg from "pg";

export type LockedRun<T> = { acquired: true; value: T } | { acquired: false };

export async function withAdvisoryLock<T>(databaseUrl: string, lockId: number, work: () => Promise<T>): Promise<LockedRun<T>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  // A connection lost mid-run only ends the lock; the work goes on and its next query reports the outage.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ acquired: boolean }>("SELECT pg_try_advisory_xact_lock($1::bigint) AS acquired", [lockId]);
    if (!rows[0]?.acquired) return { acquired: false };
    return { acquired: true, value: await work() };
  } finally {
    await client.query("COMMIT").catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
