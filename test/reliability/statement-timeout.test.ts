// A statement stuck behind a lock must not hold its pooled connection, nor the callback, past VOD's 5 s: the
// service's connections carry statement_timeout (DATABASE_STATEMENT_TIMEOUT), so the callback answers 503 in time,
// stores nothing, and succeeds once delivered again after the lock is gone.
import pg from "pg";
import { loadConfig } from "../../src/config.js";
import { serve, type Server } from "../../src/http/serve.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
let server: Server;
beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: db.url,
    CALLBACK_TOKEN: "tok",
    API_TOKENS: "api",
    ADMIN_TOKENS: "adm",
    MIGRATE_ON_START: "false",
    DATABASE_STATEMENT_TIMEOUT: "600ms",
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: "7s",
  });
  server = await serve(config, silentLogger);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** Posts a callback; gives up after 4 s, well past the 600 ms timeout, so a hang fails the test instead of stalling it. */
async function send(body: unknown): Promise<{ status: number; json: { outcome?: string; error?: { code: string } } }> {
  const response = await fetch(`${server.url}/callbacks/vod?token=tok`, {
    method: "POST",
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(4000),
  });
  return { status: response.status, json: (await response.json()) as { outcome?: string; error?: { code: string } } };
}

test("a callback whose statement waits on a lock held elsewhere answers 503 database_unavailable within the statement timeout, and is stored once delivered again", async () => {
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  const body = v3NewFileUpload();
  const fileId = body.FileUploadEvent.FileId as string;
  try {
    await holder.query("BEGIN");
    await holder.query('LOCK TABLE "VodEvent" IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const blocked = await send(body);
    const elapsed = Date.now() - started;
    expect([blocked.status, blocked.json.error?.code]).toEqual([503, "database_unavailable"]);
    expect(elapsed).toBeLessThan(3000);
  } finally {
    await holder.query("ROLLBACK").finally(() => holder.end());
  }
  expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(0);
  expect(await db.prisma.upload.count({ where: { fileId } })).toBe(0);

  const again = await send(body);
  expect([again.status, again.json.outcome]).toEqual([200, "applied"]);
  expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(1);
});

test("every connection of the service carries the configured statement and idle-in-transaction timeouts", async () => {
  const rows = await server.database.prisma.$queryRawUnsafe<Array<{ statement: string; idle: string }>>(
    "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle",
  );
  expect(rows).toEqual([{ statement: "600ms", idle: "7s" }]);
});
