// Retention: `vod-tracker prune --older-than 90d` deletes stored events older than the cut, batch by batch, and
// never an upload (and notification messages that are done: prune-messages.test.ts). On a real database, with events ingested at known times through the ingest use case.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { createNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { olderThanSchema, pruneEvents } from "../../src/db/prune-events.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** Three events about a fresh file (upload, task flow, delete), received `days` ago. */
async function fileWithEvents(days: number): Promise<string> {
  const fileId = newFileId();
  for (const body of [v3NewFileUpload(fileId), v3Procedure(fileId), v3FileDeleted(fileId)]) {
    await ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push", receivedAt: daysAgo(days) });
  }
  return fileId;
}

const eventCount = (fileIds: string[]) => db.prisma.vodEvent.count({ where: { fileId: { in: fileIds } } });
const uploadCount = (fileIds: string[]) => db.prisma.upload.count({ where: { fileId: { in: fileIds } } });

describe("pruneEvents", () => {
  test("deletes only the events older than the cut, in several batches, and keeps every upload", async () => {
    const old = [
      await fileWithEvents(120),
      await fileWithEvents(100),
      await fileWithEvents(91),
      await fileWithEvents(95),
    ];
    const recent = [await fileWithEvents(89), await fileWithEvents(1)];
    const batches: Array<{ deleted: number; total: number }> = [];

    const onBatch = (batch: { deleted: number; total: number }) => batches.push(batch);
    const result = await pruneEvents(db, { before: daysAgo(90), batchSize: 5, onBatch });

    expect(result).toEqual({ deleted: 12 });
    expect(batches).toEqual([
      { deleted: 5, total: 5 },
      { deleted: 5, total: 10 },
      { deleted: 2, total: 12 },
    ]);
    expect(await eventCount(old)).toBe(0);
    expect(await eventCount(recent)).toBe(6);
    expect(await uploadCount([...old, ...recent])).toBe(6);
    expect(await db.prisma.upload.findUnique({ where: { fileId: old[0] } })).toMatchObject({ status: "DELETED" });
  });

  test("deletes nothing and reports no batch when no event is older than the cut", async () => {
    const fileId = await fileWithEvents(2);
    const batches: unknown[] = [];
    const result = await pruneEvents(db, { before: daysAgo(90), onBatch: (batch) => batches.push(batch) });
    expect(result).toEqual({ deleted: 0 });
    expect(batches).toEqual([]);
    expect(await eventCount([fileId])).toBe(3);
  });
});

describe("--older-than", () => {
  test("reads hours and days", () => {
    expect(olderThanSchema.parse("90d")).toBe(90 * DAY_MS);
    expect(olderThanSchema.parse("12h")).toBe(12 * 3_600_000);
  });

  test.each(["30m", "59m", "0h", "3599s", "90", "d90", ""])("refuses %j: under an hour or not a duration", (text) => {
    expect(olderThanSchema.safeParse(text).success).toBe(false);
  });
});

describe("vod-tracker prune", () => {
  const cli = path.resolve("src/cli.ts");
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", cli, "prune", ...args], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, LOG_LEVEL: "silent" },
      timeout: 30_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      ({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }) => ({ code, stdout, stderr }),
    );

  test("prints each batch and the total, and exits 0", async () => {
    const old = await fileWithEvents(400);
    const result = await run(["--older-than", "365d"]);
    expect(result.stderr).toMatch(/deleted 3 events \(3 so far\)/);
    expect(result.stdout).toMatch(/^Deleted: 3 events received before \d{4}-/m);
    expect(result.code).toBe(0);
    expect(await eventCount([old])).toBe(0);
    expect(await uploadCount([old])).toBe(1);
  });

  test("deletes the done messages too, or only them with --only messages", async () => {
    const { endpoint } = await createNotifyEndpoint(db, {
      url: "https://r.example.com/hook",
      secret: generateSecret(),
    });
    const old = async () =>
      db.pool.query(
        `INSERT INTO "NotifyMessage" ("endpointId", "eventType", body, status, "createdAt", "updatedAt")
         VALUES ($1, 'endpoint.test', '{}', 'delivered', now() - interval '400 days', now())`,
        [endpoint.id],
      );
    await old();
    const both = await run(["--older-than", "365d"]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^Deleted: 0 events received before \d{4}-/m);
    expect(both.stdout).toMatch(/^Deleted: 1 notification messages \(and 0 attempts\) created before \d{4}-/m);
    await old();
    const only = await run(["--older-than", "365d", "--only", "messages"]);
    expect(only.code).toBe(0);
    expect(only.stdout).not.toMatch(/events/);
    expect(only.stdout).toMatch(/^Deleted: 1 notification messages/m);
    const refused = await run(["--older-than", "365d", "--only", "uploads"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--only/);
  });
  test("refuses a cut under an hour and deletes nothing", async () => {
    const fileId = await fileWithEvents(0);
    const result = await run(["--older-than", "30m"]);
    expect(result.code).toBe(2); // a usage error, refused before the database is opened
    expect(result.stderr).toMatch(/--older-than/);
    expect(await eventCount([fileId])).toBe(3);
  });
});
