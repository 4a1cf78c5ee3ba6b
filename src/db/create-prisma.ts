// The Prisma client on PostgreSQL through @prisma/adapter-pg. We own the pg.Pool so that an idle connection
// dropped by the server (restart, failover) is logged instead of crashing the process: pg emits 'error' on the pool.
// The two hot paths run their SQL on this pool with pg, beside Prisma (issue 7): the ingest statement and the polled
// status reads; both travel together as a Db (db.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";
import type { Logger } from "../logger.js";
import { createPool } from "./create-pool.js";
import type { Db } from "./db.js";
import { createPipeline } from "./create-pipeline.js";

export type Prisma = PrismaClient;

export interface PrismaHandle extends Db {
  close(): Promise<void>;
}

export interface PrismaOptions {
  url: string;
  poolSize: number;
  logger: Logger;
  /** statement_timeout in ms (0 = none): a statement stuck behind a lock gives its connection back (57014). */
  statementTimeoutMs?: number;
  /** idle_in_transaction_session_timeout in ms (0 = none): a transaction left open does not hold its locks forever. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Group-commit statements on one pipelined connection (create-pipeline.ts). Default true; false for the embedded
   * database, whose connections share one session.
   */
  pipeline?: boolean;
}

export function createPrisma(options: PrismaOptions): PrismaHandle {
  const config = {
    connectionString: options.url,
    // Fail fast when the database is unreachable so the callback answers 503 well inside VOD's 5 s timeout.
    connectionTimeoutMillis: 3000,
    // No JIT compilation: our statements are short, and a batch's estimates (jsonb_to_recordset counts 100 rows,
    // LIMIT b.lim 10% of the table) pass jit_above_cost, so PostgreSQL spent ~12 ms compiling a 0.3 ms page query.
    // Timeouts travel the same way (startup parameters: set before the first statement, and 0 can say "none",
    // which pg's own statement_timeout option cannot). Unset = the server's setting: commands such as prune,
    // whose statements may rightly take long, pass none.
    options: [
      "-c jit=off",
      ...(options.statementTimeoutMs !== undefined ? [`-c statement_timeout=${options.statementTimeoutMs}`] : []),
      ...(options.idleInTransactionTimeoutMs !== undefined
        ? [`-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs}`]
        : []),
    ].join(" "),
  };
  const pool = createPool({ ...config, max: options.poolSize, idleTimeoutMillis: 30_000 });
  // pg-pool hangs the whole client on the error (err.client: its config, buffers, parsed statements); the log
  // line keeps what says what happened.
  pool.on("error", (error) => options.logger.warn({ err: withoutClient(error) }, "idle database connection lost"));
  const pipeline =
    options.pipeline === false
      ? undefined
      : createPipeline(config, (error) => options.logger.warn({ err: error }, "pipelined database connection lost"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    ...(pipeline && { pipeline }),
    async close() {
      await prisma.$disconnect();
      await pipeline?.close();
      await pool.end().catch(() => undefined);
    },
  };
}

function withoutClient(error: Error): Error {
  if (!("client" in error)) return error;
  const { client: _client, ...rest } = error;
  return Object.assign(new Error(error.message), { name: error.name, stack: error.stack }, rest);
}
