// Outputs and tasks on the embedded database (PGlite), the default mode: its connections share one session, so
// the hot path's statement variants run unnamed (record-event.ts), and the same SQL must hold there. One path end
// to end: real callbacks through ingestEvent (group commit included), a redelivery, a partial delete, an admin
// replay, and the backfill. Payloads: test/fixtures/v3/procedure-finish-outputs and file-deleted-partial
// (origins in test/fixtures/SOURCES.md).
import { loadFixture } from "../fixtures/load-fixture.js";
import { rebuildOutputs } from "../../src/db/rebuild-outputs.js";
import { storedEventPatch } from "../../src/commands/rebuild-outputs-command.js";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { replayEvent } from "../../src/ingest/replay-event.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

type Json = Record<string, any>;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ mode: "embedded", poolSize: 3 });
}, 60_000);
afterAll(() => db.close());

const outputsOf = async (fileId: string) =>
  (await db.prisma.uploadOutput.findMany({ where: { fileId }, orderBy: [{ kind: "asc" }, { definition: "asc" }] })).map(
    (row) => `${row.kind} ${row.definition}`,
  );

test("keeps a task flow's outputs and tasks, drops the parts a partial delete names, and replays and rebuilds them", async () => {
  const fileId = newFileId();
  const procedure = loadFixture("v3/procedure-finish-outputs") as Json;
  procedure.ProcedureStateChangeEvent.FileId = fileId;
  const writer = createGroupCommit(db);
  const ingest = (body: Json) => ingestEvent({ db, writer }, { raw: JSON.stringify(body), channel: "push" });

  const answers = await Promise.all([ingest(v3NewFileUpload(fileId)), ingest(procedure), ingest(v3NewFileUpload())]);
  expect(answers.map((answer) => answer.outcome)).toEqual(["applied", "applied", "applied"]);
  const all = ["adaptive 10", "cover 10", "sampleSnapshot 10", "snapshot 10", "sprite 10", "transcode 20"];
  expect(await outputsOf(fileId)).toEqual(all);
  expect(await db.prisma.uploadTask.count({ where: { fileId } })).toBe(1);

  expect(await ingest(procedure)).toEqual({ outcome: "duplicate" });
  const deleted = v3FileDeleted(fileId, { partial: true });
  deleted.FileDeleteEvent.FileDeleteResultInfo[0].DeleteParts = [{ Type: "AdaptiveDynamicStreamingFiles" }];
  await ingest(deleted);
  expect(await outputsOf(fileId)).toEqual(all.filter((output) => output !== "adaptive 10"));

  // A replay of the flow's event writes its outputs again, but not the one the partial delete removed since.
  await db.prisma.uploadOutput.deleteMany({ where: { fileId } });
  await replayEvent({ db }, BigInt((answers[1] as { eventId: string }).eventId));
  expect(await outputsOf(fileId)).toEqual(all.filter((output) => output !== "adaptive 10"));

  await db.prisma.uploadOutput.deleteMany({ where: { fileId } });
  await rebuildOutputs(db, { batchSize: 100, sinceId: 0n, derive: storedEventPatch });
  // Rebuilt in the order of the events: the partial delete came after the flow's outputs.
  expect(await outputsOf(fileId)).toEqual(all.filter((output) => output !== "adaptive 10"));
}, 60_000);
