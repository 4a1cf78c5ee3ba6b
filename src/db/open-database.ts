// DATABASE_URL set → that PostgreSQL; unset → the embedded database under DATA_DIR (DESIGN §5). Both are reached
// through the same adapter-pg path, so everything above this file is one code path.
import path from "node:path";
import type { DatabaseOptions } from "./database-options.js";
import { createPrisma, type PrismaHandle } from "./create-prisma.js";
import { startEmbeddedDatabase } from "./start-embedded-database.js";

export interface Database extends PrismaHandle {
  url: string;
  mode: "postgresql" | "embedded";
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const timeouts = {
    statementTimeoutMs: options.statementTimeoutMs,
    idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs,
  };
  if (options.databaseUrl) {
    const handle = createPrisma({
      url: options.databaseUrl,
      poolSize: options.poolSize,
      logger: options.logger,
      ...timeouts,
    });
    return { ...handle, url: options.databaseUrl, mode: "postgresql" };
  }
  const dataDir = path.resolve(options.dataDir);
  options.logger.warn(
    { dataDir },
    "DATABASE_URL is not set: using the EMBEDDED database (PGlite) in DATA_DIR — fine for trying things out; " +
      "set DATABASE_URL to a PostgreSQL server for production",
  );
  const embedded = await startEmbeddedDatabase({ dataDir, poolSize: options.poolSize });
  const handle = createPrisma({
    url: embedded.url,
    poolSize: options.poolSize,
    logger: options.logger,
    pipeline: false,
    ...timeouts,
  });
  return {
    ...handle,
    url: embedded.url,
    mode: "embedded",
    async close() {
      await handle.close();
      await embedded.close();
    },
  };
}
