// The long poll across replicas (issue 16 §5): two service processes on one PostgreSQL database; a client waits on
// process A while the callback that satisfies it goes to process B. A hears B's commit through LISTEN and answers
// within a second, far under its 5 s poll. And with that path broken — A's LISTEN connection terminated and its wait
// rows gone (an UNLOGGED table after a crash), so B's statement notifies no one — A's per-process poll still answers
// within about 6 s. Bodies: Tencent's NewFileUpload and ProcedureStateChanged (test/fixtures, SOURCES.md).
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database.js";
import { sleep, startChild, type ChildService } from "./support/service-process.js";

const env = (url: string) => ({
  DATABASE_URL: url,
  CALLBACK_TOKEN: "cb-wait-two",
  API_TOKENS: "api-wait-two",
  ADMIN_TOKENS: "adm-wait-two",
  DELIVERY_WORKER: "false",
});

let db: ScratchDatabase;
let a: ChildService;
let b: ChildService;
beforeAll(async () => {
  db = await createScratchDatabase("wait");
  [a, b] = await Promise.all([
    startChild({ command: "serve", env: env(db.url) }),
    startChild({ command: "serve", env: env(db.url) }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
});

async function callback(to: ChildService, body: unknown) {
  const response = await fetch(`${to.url}/callbacks/vod?token=cb-wait-two`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function wait(on: ChildService, fileId: string) {
  const response = await fetch(`${on.url}/v1/uploads/${fileId}?waitFor=processed&timeout=30`, {
    headers: { authorization: "Bearer api-wait-two" },
  });
  const body = (await response.json()) as { status: string };
  return { status: body.status, result: response.headers.get("wait-result"), at: Date.now() };
}

const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);
const waitRows = () => count(`SELECT count(*) AS n FROM "UploadWait"`);
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await sleep(20);
  }
}

test("a client waiting on process A is answered within a second of a callback to process B", async () => {
  const fileId = newFileId();
  await callback(b, v3NewFileUpload(fileId));
  const waiting = wait(a, fileId);
  await until(async () => (await waitRows()) === 1);
  await sleep(200);
  const calledBack = Date.now();
  await callback(b, v3Procedure(fileId));
  const waited = await waiting;
  expect([waited.result, waited.status]).toEqual(["met", "PROCESSED"]);
  expect(waited.at - calledBack).toBeLessThan(1000);
  await until(async () => (await waitRows()) === 0);
}, 30_000);

test("with A's LISTEN connection terminated and no wait rows left to notify, A's poll still answers within ~6 s", async () => {
  const fileId = newFileId();
  await callback(b, v3NewFileUpload(fileId));
  const waiting = wait(a, fileId);
  await until(async () => (await waitRows()) === 1);
  const listening = `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN vod_tracker_upload'`;
  await until(async () => (await count(listening)) === 1);
  const terminated = await db.pool.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND query = 'LISTEN vod_tracker_upload'`,
  );
  expect(terminated.rowCount).toBe(1);
  await db.pool.query(`DELETE FROM "UploadWait"`);
  // A's listener is back after its pause and has looked once (still UPLOADED): only the poll is left.
  await sleep(1500);
  const calledBack = Date.now();
  await callback(b, v3Procedure(fileId));
  const waited = await waiting;
  expect([waited.result, waited.status]).toEqual(["met", "PROCESSED"]);
  expect(waited.at - calledBack).toBeLessThan(6500);
  expect(a.exited).toBe(false);
}, 30_000);
