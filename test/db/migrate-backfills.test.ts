// Migrations that add a link also fill it for the rows stored before them: a database that received multi-file
// FileDeleted events, and recorded replays, under the first schema shows them in every file's timeline and each
// replay names what it replayed once migrated.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultMigrationsDir, migrate } from "../../src/db/migrate.js";
import { listUploadEvents } from "../../src/db/list-upload-events.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { legacyFileDeleted, v3FileDeleted, v3Procedure } from "../support/vod-payloads.js";

let db: TestDatabase;
let firstOnly: string;
beforeAll(async () => {
  firstOnly = fs.mkdtempSync(path.join(os.tmpdir(), "vod-migrations-"));
  fs.cpSync(path.join(defaultMigrationsDir, "20261130081500_init"), path.join(firstOnly, "20261130081500_init"), {
    recursive: true,
  });
  db = await createTestDatabase({ migrations: firstOnly });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(firstOnly, { recursive: true, force: true });
});

test("events stored before the migration are linked to every FileId they name besides their own", async () => {
  const [a, b, c, d, e] = [newFileId(), newFileId(), newFileId(), newFileId(), newFileId()];
  const v3 = v3FileDeleted(a);
  v3.FileDeleteEvent.FileIdSet = [a, b];
  v3.FileDeleteEvent.FileDeleteResultInfo = [{ ...v3.FileDeleteEvent.FileDeleteResultInfo?.[0], FileId: c }];
  const legacy = legacyFileDeleted(d);
  legacy.data.fileInfo = [{ fileId: d }, { fileId: e }, { fileId: d }];
  // Rows as the first schema's hot path stored them: VodEvent.fileId = the first FileId.
  const stored = [
    [v3, a, "v3", "applied"],
    [legacy, d, "legacy", "applied"],
    [v3Procedure(b), b, "v3", "applied"],
    [v3FileDeleted(e), e, "v3", "invalid"],
  ] as const;
  for (const [payload, fileId, format, outcome] of stored) {
    await db.prisma.$executeRaw`
      INSERT INTO "VodEvent" ("dedupeKey", "eventType", format, channel, "fileId", payload, outcome, "receivedAt")
      VALUES (${`k-${fileId}-${outcome}-${Math.random()}`}, ${"FileDeleteEvent" in payload ? "FileDeleted" : "data" in payload ? "FileDeleted" : "ProcedureStateChanged"},
              ${format}, 'push', ${fileId}, ${JSON.stringify(payload)}::jsonb, ${outcome}, now())`;
  }

  // A replay recorded under the first schema: its key names the replayed event's key.
  await db.prisma.$executeRaw`
    INSERT INTO "VodEvent" ("dedupeKey", "eventType", format, channel, "fileId", payload, outcome, "receivedAt")
    VALUES (${`replay:k-original:${randomUUID()}`}, 'NewFileUpload', 'v3', 'replay', ${a}, '{}'::jsonb, 'applied', now()),
           ('k-original', 'NewFileUpload', 'v3', 'push', ${a}, '{}'::jsonb, 'invalid', now())`;

  const result = await migrate({ url: db.url });
  expect(result.applied).toEqual(
    expect.arrayContaining(["20261130120000_event_other_files", "20261130123000_event_replay_of"]),
  );
  const [original] = await db.prisma.$queryRaw<
    Array<{ id: bigint }>
  >`SELECT id FROM "VodEvent" WHERE "dedupeKey" = 'k-original'`;
  const replays = await db.prisma.$queryRaw<
    Array<{ replayOf: bigint | null }>
  >`SELECT "replayOf" FROM "VodEvent" WHERE channel = 'replay'`;
  expect(replays).toEqual([{ replayOf: original?.id }]);

  const links = await db.prisma.vodEventFile.findMany({ select: { fileId: true }, orderBy: { fileId: "asc" } });
  expect(links.map((link) => link.fileId)).toEqual([b, c, e].sort());
  const timeline = async (fileId: string) =>
    (await listUploadEvents(db, fileId, { limit: 10 })).map((event) => event.eventType);
  expect(await timeline(a)).toEqual(["FileDeleted", "NewFileUpload", "NewFileUpload"]);
  expect(await timeline(b)).toEqual(["FileDeleted", "ProcedureStateChanged"]);
  expect(await timeline(c)).toEqual(["FileDeleted"]);
  expect(await timeline(e)).toEqual(["FileDeleted", "FileDeleted"]); // the legacy one, and its own invalid one
});
