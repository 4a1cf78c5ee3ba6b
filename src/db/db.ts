// What every repository function takes first: the Prisma client and, beneath its adapter, our own pg pool. The hot
// statements (ingest, polled status reads) run on the pool with pg; everything else goes through Prisma (see
// docs/architecture.md). Passed down explicitly from whoever opened the database, so any pair works (tests, the
// embedded database, a scratch database) and nothing has to look the pool up.
import type pg from "pg";
import type { PrismaClient } from "./generated/client.js";
import type { Pipeline } from "./create-pipeline.js";

export interface Db {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Where group-commit statements go when set (create-pipeline.ts); the pool otherwise (the embedded database). */
  pipeline?: Pipeline;
}
