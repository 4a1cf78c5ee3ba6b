// Group commit under a burst: hundreds of concurrent events — duplicates, shuffled, several per FileId — are
// grouped into few statements, every caller gets its own outcome, every event is stored once, and each upload
// ends in the state the status rule gives whatever the order.
import { withSeed } from "../support/with-seed.js";
import { createGroupCommit, type EventWriter } from "../../src/ingest/group-commit.js";
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

test(
  "a shuffled burst with duplicates is stored once per event and ends in the rule's state",
  withSeed(20_240_612, async (random) => {
    const perFile = Array.from({ length: 60 }, (_, n) => {
      const fileId = newFileId();
      const upload = v3NewFileUpload(
        fileId,
        (b) => (b.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = `burst-${n}`),
      );
      // As in VOD, the task-flow events carry the task id the upload announced.
      const procedures = [v3Procedure(fileId, "processing"), v3Procedure(fileId, n % 4 === 0 ? "failed" : "success")];
      procedures.forEach((body) => (body.ProcedureStateChangeEvent.TaskId = upload.FileUploadEvent.ProcedureTaskId));
      const bodies = [upload, ...procedures];
      if (n % 5 === 0) bodies.push(v3FileDeleted(fileId));
      return { fileId, bodies };
    });
    const unique = perFile.flatMap((file) => file.bodies.map((body) => JSON.stringify(body)));
    const duplicates = unique.filter((_, index) => index % 3 === 0);
    const sends = random.shuffle([...unique, ...duplicates]);

    const groups: number[] = [];
    const writer = createGroupCommit(db, { onGroup: ({ size }) => groups.push(size) });
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
      const pick = (s: Partial<UploadState>) => ({
        status: s.status,
        procedureStatus: s.procedureStatus,
        procedureTaskId: s.procedureTaskId,
        processedAt: s.processedAt,
        sourceContext: s.sourceContext,
        mediaUrl: s.mediaUrl,
        name: s.name,
      });
      expect(pick(stored as unknown as UploadState)).toEqual(pick(expected as UploadState));
    }
  }),
);

test("a lone event is written at once, without waiting for company", async () => {
  const writer = createGroupCommit(db);
  const started = Date.now();
  const result = await ingestEvent({ db, writer }, { raw: JSON.stringify(v3NewFileUpload()), channel: "push" });
  expect(result.outcome).toBe("applied");
  expect(Date.now() - started).toBeLessThan(1000);
});

test("a group holding a poisonous event is retried one event at a time, so only the poisonous caller fails", async () => {
  const groups: number[] = [];
  const groupCommit = createGroupCommit(db, { maxInFlight: 1, onGroup: ({ size }) => groups.push(size) });
  const fileIds = Array.from({ length: 8 }, () => newFileId());
  const poisoned = fileIds[4];
  // Bytes that are not UTF-8 where the statement expects the body as received: PostgreSQL refuses the whole
  // statement (22021 character_not_in_repertoire), as any event the statement chokes on would.
  const notUtf8 = Buffer.from([0x7b, 0xff, 0x7d]);
  const writer: EventWriter = {
    write: (input) => groupCommit.write(input.row.fileId === poisoned ? { ...input, payloadJson: notUtf8 } : input),
  };
  const settled = await Promise.allSettled(
    fileIds.map((fileId) =>
      ingestEvent({ db, writer }, { raw: JSON.stringify(v3NewFileUpload(fileId)), channel: "push" }),
    ),
  );

  expect(settled.map((outcome) => outcome.status)).toEqual(
    fileIds.map((fileId) => (fileId === poisoned ? "rejected" : "fulfilled")),
  );
  expect(settled[4]).toMatchObject({ status: "rejected", reason: { code: "22021" } });
  // The first event alone, then the other seven as one group, which failed; then each of them alone.
  expect(groups).toEqual([1, 7, 1, 1, 1, 1, 1, 1, 1]);
  const stored = await db.prisma.upload.findMany({ where: { fileId: { in: fileIds } }, select: { fileId: true } });
  expect(stored.map((upload) => upload.fileId).sort()).toEqual(fileIds.filter((fileId) => fileId !== poisoned).sort());
});
