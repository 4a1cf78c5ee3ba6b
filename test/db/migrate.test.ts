// The migration runner: Prisma's folder layout and bookkeeping, idempotent, safe when replicas start together.
import pg from "pg";
import { migrate, readMigrations } from "../../src/db/migrate.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(); // already migrated once
});
afterAll(() => db.close());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

test("records every migration in _prisma_migrations with Prisma's checksum", async () => {
  const rows = await query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    applied_steps_count: number;
  }>(
    `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  expect(rows).toEqual(
    readMigrations().map((m) => ({
      migration_name: m.name,
      checksum: m.checksum,
      finished_at: expect.any(Date),
      applied_steps_count: 1,
    })),
  );
});

test("applies nothing the second time, even when several runners start together", async () => {
  const results = await Promise.all([migrate({ url: db.url }), migrate({ url: db.url }), migrate({ url: db.url })]);
  expect(results.map((r) => r.applied)).toEqual([[], [], []]);
  const [{ count }] = (await query<{ count: string }>(`SELECT count(*) FROM "_prisma_migrations"`)) as [
    { count: string },
  ];
  expect(Number(count)).toBe(readMigrations().length);
});

test("creates the Upload and VodEvent tables", async () => {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["Upload", "VodEvent", "_prisma_migrations"]));
});
