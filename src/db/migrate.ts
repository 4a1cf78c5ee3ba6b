// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each in its own transaction, under
// Prisma's advisory lock (so concurrent replicas starting together apply each migration once), recorded in
// `_prisma_migrations` with Prisma's columns and checksum (sha256 of the file) so `prisma migrate status/deploy`
// agree where the Prisma engines can be downloaded. We do this ourselves because `prisma migrate deploy` needs
// the schema-engine binary, which cannot be fetched offline (Prisma issue 27403).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

// The lock id Prisma's schema engine uses for migrate commands, so our runner and Prisma's exclude each other.
const PRISMA_ADVISORY_LOCK_ID = 72707369;

export const defaultMigrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

const createBookkeeping = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = defaultMigrationsDir): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
  /** Recorded migrations whose file changed since: reported, never re-applied. */
  modified: string[];
}

export async function migrate(options: { url: string; dir?: string }): Promise<MigrateResult> {
  const migrations = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_ID]);
    await client.query(createBookkeeping);
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = done.rows.find((row) => row.finished_at === null);
    if (failed) {
      throw new Error(`migration ${failed.migration_name} failed earlier and is not resolved; fix it by hand first`);
    }
    const recorded = new Map(done.rows.map((row) => [row.migration_name, row.checksum]));
    const result: MigrateResult = { applied: [], modified: [] };
    for (const migration of migrations) {
      const checksum = recorded.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) result.modified.push(migration.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
