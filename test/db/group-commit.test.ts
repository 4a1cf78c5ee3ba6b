// Group commit under a burst: hundreds of concurrent events — duplicates, shuffled, several per FileId — are
// grouped into few statements, every caller gets its own outcome, every event is stored once, and each upload
// ends in the state the status rule gives whatever the order.
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { normaliseEvent } from "../../src/events/normalise-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import type { UploadState } from "../../src/uploads/upload-state.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
});
afterAll(() => db.close());

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

test("a shuffled burst with duplicates is stored once per event and ends in the rule's state", async () => {
  const perFile = Array.from({ length: 60 }, (_, n) => {
    const fileId = newFileId();
    const upload = v3NewFileUpload(fileId, (b) => (b.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = `burst-${n}`));
    // As in VOD, the task-flow events carry the task id the upload announced.
    const procedures = [v3Procedure(fileId, "processing"), v3Procedure(fileId, n % 4 === 0 ? "failed" : "success")];
    procedures.forEach((body) => (body.ProcedureStateChangeEvent.TaskId = upload.FileUploadEvent.ProcedureTaskId));
    const bodies = [upload, ...procedures];
    if (n % 5 === 0) bodies.push(v3FileDeleted(fileId));
    return { fileId, bodies };
  });
  const unique = perFile.flatMap((file) => file.bodies.map((body) => JSON.stringify(body)));
  const duplicates = unique.filter((_, index) => index % 3 === 0);
  const sends = shuffle([...unique, ...duplicates]);

  const groups: number[] = [];
  const writer = createGroupCommit(db, { onGroup: (size) => groups.push(size) });
  const results = await Promise.all(sends.map((raw) => ingestEvent({ db, writer }, { raw, channel: "push" })));

  expect(results.filter((r) => r.outcome === "applied")).toHaveLength(unique.length);
  expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(duplicates.length);
  expect(groups.length).toBeLessThan(sends.length / 2); // grouped, not one statement per event
  const fileIds = perFile.map((file) => file.fileId);
  expect(await db.prisma.vodEvent.count({ where: { fileId: { in: fileIds } } })).toBe(unique.length);

  for (const { fileId, bodies } of perFile) {
    let expected: UploadState | null = null;
    for (const body of bodies) {
      const normalised = normaliseEvent(body);
      if (!normalised.ok) throw new Error("fixture did not normalise");
      expected = applyEvent(expected, normalised.event, { fileId, receivedAt: new Date() });
    }
    const stored = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    const pick = (s: Partial<UploadState>) => ({ status: s.status, procedureStatus: s.procedureStatus, procedureTaskId: s.procedureTaskId, processedAt: s.processedAt, sourceContext: s.sourceContext, mediaUrl: s.mediaUrl, name: s.name });
    expect(pick(stored as unknown as UploadState)).toEqual(pick(expected as UploadState));
  }
});

test("a lone event is written at once, without waiting for company", async () => {
  const writer = createGroupCommit(db);
  const started = Date.now();
  const result = await ingestEvent({ db, writer }, { raw: JSON.stringify(v3NewFileUpload()), channel: "push" });
  expect(result.outcome).toBe("applied");
  expect(Date.now() - started).toBeLessThan(1000);
});
