// Pull uploads and review verdicts on the embedded database (PGlite), the default mode (issue 15): a PullComplete
// runs in a transaction of its own on a pooled connection (record-pull-event.ts), which the embedded server keeps
// apart from the connections sharing its one session. One path end to end through ingestEvent, group commit
// included: a pending pull converges with its NewFileUpload on one row, a failed pull marks its own, a verdict is
// kept beside the status. Payloads: test/fixtures/v3/pull-complete and review-audio-video-complete (SOURCES.md).
import { randomBytes } from "node:crypto";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

type Json = Record<string, any>;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ mode: "embedded", poolSize: 3 });
}, 60_000);
afterAll(() => db.close());

function pullComplete(taskId: string, fileId: string, errCode = 0): Json {
  const body = loadFixture("v3/pull-complete") as Json;
  Object.assign(body.PullCompleteEvent, { TaskId: taskId, FileId: fileId, ErrCode: errCode });
  return body;
}

test("lands a PullComplete on the pending pull upload beside its NewFileUpload, fails another, and keeps a verdict", async () => {
  const writer = createGroupCommit(db);
  const ingest = (body: Json) => ingestEvent({ db, writer }, { raw: JSON.stringify(body), channel: "push" });
  const [taskId, failedTaskId] = [1, 2].map(() => `1256768367-Pull-${randomBytes(16).toString("hex")}`) as [
    string,
    string,
  ];
  const pending = await db.prisma.upload.create({ data: { id: newUploadId(), status: "PENDING", pullTaskId: taskId } });
  const failed = await db.prisma.upload.create({
    data: { id: newUploadId(), status: "PENDING", pullTaskId: failedTaskId },
  });
  const fileId = newFileId();
  const review = loadFixture("v3/review-audio-video-complete") as Json;
  review.ReviewAudioVideoCompleteEvent.Input.FileId = fileId;

  const answers = await Promise.all([
    ingest(v3NewFileUpload(fileId)),
    ingest(pullComplete(taskId, fileId)),
    ingest(pullComplete(failedTaskId, "", 60000)),
    ingest(v3NewFileUpload()),
  ]);
  expect(answers.map((answer) => answer.outcome)).toEqual(["applied", "applied", "applied", "applied"]);
  expect(await ingest(review)).toMatchObject({ outcome: "applied", fileId, status: "UPLOADED" });

  const rows = await db.prisma.upload.findMany({ where: { OR: [{ fileId }, { pullTaskId: taskId }] } });
  expect(rows).toMatchObject([
    { id: pending.id, fileId, status: "UPLOADED", sourceContext: "pull-77", reviewStatus: "block" },
  ]);
  expect(await db.prisma.upload.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
    status: "FAILED",
    pullErrCode: 60000,
  });
  expect(await ingest(pullComplete(taskId, fileId))).toEqual({ outcome: "duplicate" });
}, 60_000);
