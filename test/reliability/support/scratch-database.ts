// A fresh, migrated PostgreSQL database per test file, dropped at the end. The reliability tests need a real
// server (they cut connections, run several processes on one database), so they use TEST_DATABASE_URL's server
// or the local one, never the embedded database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrisma, type PrismaHandle } from "../../../src/db/create-prisma.js";
import { migrate } from "../../../src/db/migrate.js";
import { silentLogger, withDatabase } from "../../support/test-database.js";

export const serverUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase extends PrismaHandle {
  name: string;
  url: string;
  /** Runs SQL on the server's maintenance database (not on this one). */
  admin(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

export async function createScratchDatabase(label: string, poolSize = 4): Promise<ScratchDatabase> {
  const name = `vod_rel_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  await migrate({ url });
  const handle = createPrisma({ url, poolSize, logger: silentLogger });
  return {
    ...handle,
    name,
    url,
    admin: adminQuery,
    async drop() {
      await handle.close();
      await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}
