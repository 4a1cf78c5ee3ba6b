// openDatabase's options from the configuration. A long-running process that answers callbacks or pulls events (serve,
// pull) gets the configured pool and statement timeouts; a one-shot command gets a small pool and the server's own
// timeouts, since its statements (prune's batches, a reconcile sweep) may rightly take long.
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  logger: Logger;
  /** See createPrisma; unset = the server's setting. */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

export function databaseOptions(
  config: Config,
  logger: Logger,
  use: "service" | { poolSize: number },
): DatabaseOptions {
  const where = { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, logger };
  if (use !== "service") return { ...where, poolSize: use.poolSize };
  return {
    ...where,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT,
  };
}
