// Each test file gets its own database: a fresh PostgreSQL database on TEST_DATABASE_URL's server (dropped at the
// end), or else an in-memory embedded database (PGlite). Tests never share rows.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createPrisma, type PrismaHandle } from "../../src/db/create-prisma.js";
import { migrate } from "../../src/db/migrate.js";
import { startEmbeddedDatabase } from "../../src/db/start-embedded-database.js";
import { createLogger } from "../../src/logger.js";

export interface TestDatabase extends PrismaHandle {
  url: string;
  mode: "postgresql" | "embedded";
}

export const silentLogger = createLogger({ level: "silent" });

export async function createTestDatabase(
  options: {
    poolSize?: number;
    mode?: "postgresql" | "embedded";
    /** another migrations folder (e.g. only the first ones) */ migrations?: string;
  } = {},
): Promise<TestDatabase> {
  const poolSize = options.poolSize ?? 5;
  const serverUrl = process.env.TEST_DATABASE_URL;
  const mode = options.mode ?? (serverUrl ? "postgresql" : "embedded");
  if (mode === "postgresql") {
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `vod_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
    const url = withDatabase(serverUrl, name);
    await migrate({ url, dir: options.migrations });
    const handle = createPrisma({ url, poolSize, logger: silentLogger });
    return {
      ...handle,
      url,
      mode,
      async close() {
        await handle.close();
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const embedded = await startEmbeddedDatabase({ poolSize });
  await migrate({ url: embedded.url, dir: options.migrations });
  const handle = createPrisma({ url: embedded.url, poolSize, logger: silentLogger, pipeline: false });
  return {
    ...handle,
    url: embedded.url,
    mode,
    async close() {
      await handle.close();
      await embedded.close();
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
