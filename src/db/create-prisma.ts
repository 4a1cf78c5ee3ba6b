// The Prisma client on PostgreSQL through @prisma/adapter-pg. We own the pg.Pool so that an idle connection
// dropped by the server (restart, failover) is logged instead of crashing the process: pg emits 'error' on the pool.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";
import type { Logger } from "../logger.js";

export type Prisma = PrismaClient;

export interface PrismaHandle {
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createPrisma(options: { url: string; poolSize: number; logger: Logger }): PrismaHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // Fail fast when the database is unreachable so the callback answers 503 well inside VOD's 5 s timeout.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  pool.on("error", (error) => options.logger.warn({ err: error }, "idle database connection lost"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
