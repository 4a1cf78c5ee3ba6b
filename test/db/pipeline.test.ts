// The group-commit connection (src/db/create-pipeline.ts): statements written back to back on one PostgreSQL backend,
// each its own transaction with its own outcome, a broken connection failing only what it held (as "database
// unavailable", 503) and replaced on the next statement, and a database that cannot be reached read the same way.
import { classifyDatabaseError } from "../../src/db/classify-database-error.js";
import { createPipeline, type Pipeline } from "../../src/db/create-pipeline.js";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let pipeline: Pipeline;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
  await db.pool.query("CREATE TABLE pipeline_rows (n int PRIMARY KEY)");
});
beforeEach(() => {
  pipeline = createPipeline({ connectionString: db.url });
});
afterEach(() => pipeline.close());
afterAll(() => db.close());

const backendPid = async (on: Pipeline) =>
  (await on.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid" })).rows[0]?.pid;

test("runs statements sent back to back on one backend, in the order they were sent", async () => {
  const started = performance.now();
  const answers = await Promise.all([
    pipeline.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid, pg_sleep(0.15)" }),
    pipeline.query<{ pid: number }>({ text: "SELECT pg_backend_pid() AS pid, pg_sleep(0.15)" }),
    pipeline.query<{ at: string }>({ name: "pipeline-now", text: "SELECT clock_timestamp()::text AS at" }),
  ]);
  // One backend ran them one after the other: the third started once both sleeps were over.
  expect(answers[0].rows[0]?.pid).toBe(answers[1].rows[0]?.pid);
  expect(performance.now() - started).toBeGreaterThanOrEqual(300);
});

test("gives each statement its own transaction: one that fails leaves the ones before and after it committed", async () => {
  const insert = (n: number) =>
    pipeline.query({ name: "pipeline-insert", text: "INSERT INTO pipeline_rows VALUES ($1)" }, [n]);
  const outcomes = await Promise.allSettled([insert(1), insert(1), insert(2)]);

  expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "23505" });
  const { rows } = await db.pool.query<{ n: number }>("SELECT n FROM pipeline_rows ORDER BY n");
  expect(rows.map((row) => row.n)).toEqual([1, 2]);
});

test("fails what a broken connection held as database unavailable, and opens a new one for the next statement", async () => {
  const first = await backendPid(pipeline);
  const held = pipeline.query({ text: "SELECT pg_sleep(5)" });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await db.pool.query("SELECT pg_terminate_backend($1)", [first]);

  const error = await held.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(classifyDatabaseError(error)?.kind).toBe("unavailable");
  const next = await backendPid(pipeline);
  expect(next).toEqual(expect.any(Number));
  expect(next).not.toBe(first);
});

test("answers database unavailable when the database cannot be reached, and once closed", async () => {
  const unreachable = createPipeline({ connectionString: "postgresql://postgres@127.0.0.1:1/none" });
  const error = await unreachable.query({ text: "SELECT 1" }).catch((reason: unknown) => reason);
  expect(classifyDatabaseError(error)?.kind).toBe("unavailable");
  await unreachable.close();

  await pipeline.close();
  const closed = await pipeline.query({ text: "SELECT 1" }).catch((reason: unknown) => reason);
  expect(classifyDatabaseError(closed)?.kind).toBe("unavailable");
});

test("is what the service's database handle writes groups on, and ends with it", async () => {
  const handle = createPrisma({ url: db.url, poolSize: 1, logger: silentLogger });
  const pid = await backendPid(handle.pipeline as Pipeline);
  const alive = async () =>
    (await db.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount === 1;
  expect(await alive()).toBe(true);

  await handle.close();
  // The backend exits just after the client's Terminate message: look for a little while.
  for (let tries = 0; tries < 50 && (await alive()); tries += 1) await new Promise((r) => setTimeout(r, 20));
  expect(await alive()).toBe(false);
});
