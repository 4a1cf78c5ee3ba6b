// A callback whose statement loses a deadlock is run again inside (bounded, jittered), so VOD gets 200 instead
// of a 503 and a redelivery. The deadlock is real: a test connection holds one of the two uploads a FileDeleted
// names, waits until the callback's statement holds the other and waits, then asks for that one too.
import pg from "pg";
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Resolves once a backend other than `pid` waits for a lock in the test database. */
async function someoneWaitsOnALock(watcher: pg.Client, pid: number): Promise<void> {
  for (;;) {
    const { rows } = await watcher.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
      [pid],
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("a FileDeleted whose statement is chosen as a deadlock victim is run again and answered 200, with both uploads deleted", async () => {
  const [first, second] = [newFileId(), newFileId()].sort();
  for (const fileId of [first, second])
    await request(t.app).post(t.callbackPath).send(v3NewFileUpload(fileId)).expect(200);
  const deleted = v3FileDeleted(first as string);
  deleted.FileDeleteEvent.FileIdSet = [first, second];
  deleted.FileDeleteEvent.FileDeleteResultInfo = [
    { FileId: first, DeleteParts: [] },
    { FileId: second, DeleteParts: [] },
  ];

  const holder = new pg.Client({ connectionString: t.db.url });
  const watcher = new pg.Client({ connectionString: t.db.url });
  await Promise.all([holder.connect(), watcher.connect()]);
  try {
    // The holder waits longer before checking for a deadlock, so the callback's backend (1 s) is the one to find it.
    await holder.query("BEGIN; SET LOCAL deadlock_timeout = '20s'");
    await holder.query('SELECT 1 FROM "Upload" WHERE "fileId" = $1 FOR UPDATE', [second]);
    // The statement locks its uploads in FileId order: it takes the first, then waits for the second.
    const answer = request(t.app)
      .post(t.callbackPath)
      .send(deleted)
      .then((response) => response);
    await someoneWaitsOnALock(watcher, (holder as unknown as { processID: number }).processID);
    await holder.query('SELECT 1 FROM "Upload" WHERE "fileId" = $1 FOR UPDATE', [first]); // the cycle: one side must give way
    await holder.query("COMMIT");
    const response = await answer;
    expect([response.status, response.body.outcome]).toEqual([200, "applied"]);
  } finally {
    await holder.query("ROLLBACK").catch(() => undefined);
    await Promise.all([holder.end(), watcher.end()]);
  }
  const uploads = await t.db.prisma.upload.findMany({
    where: { fileId: { in: [first as string, second as string] } },
    select: { status: true },
  });
  expect(uploads).toEqual([{ status: "DELETED" }, { status: "DELETED" }]);
}, 15_000);
