// Moderation verdicts through the real ingest path on PostgreSQL (issue 15): every format VOD sends one in, kept on
// the upload beside its status (DESIGN §3: a review never changes the status), a later review winning by finish time
// (else arrival), a pending report never undoing a verdict of its own task. Each sequence is also folded by the
// TypeScript rule (applyEvent, review-wins.ts), and the stored row must equal it column by column.
// Bodies are Tencent's (test/fixtures, SOURCES.md): ReviewAudioVideoComplete (v3/review-audio-video-complete), a task
// flow's AiContentReviewResultSet (v3/review-procedure-ai-content), the 2017 contentReviewList
// (legacy/review-procedure-content-review), NewFileUpload with a ReviewAudioVideoTaskId (FileUploadTask in the SDK);
// each re-aimed at a fresh FileId, its suggestion, task id or finish time changed where a test says so.
import { uploadStateOf } from "../../src/db/upload-state-of.js";
import { normaliseEvent } from "../../src/events/normalise-event.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import type { UploadState } from "../../src/uploads/upload-state.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { diffUploadState } from "../support/diff-upload-state.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

type Json = Record<string, any>;
type Suggestion = "pass" | "review" | "block";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

function reviewComplete(fileId: string, suggestion: Suggestion, taskId = "125xxxx-ReviewAudioVideo-07edbc78t"): Json {
  const body = loadFixture("v3/review-audio-video-complete") as Json;
  const task = body.ReviewAudioVideoCompleteEvent;
  task.Input.FileId = fileId;
  task.TaskId = taskId;
  task.Output.Suggestion = suggestion;
  for (const segment of task.Output.SegmentSet) segment.Suggestion = suggestion;
  return body;
}

/** The AI review of a task flow; `finishedAt` becomes its subtasks' FinishTime (the flow's finish time). */
function aiReview(fileId: string, options: { suggestion?: Suggestion; finishedAt?: string; taskId?: string } = {}) {
  const body = loadFixture("v3/review-procedure-ai-content") as Json;
  const event = body.ProcedureStateChangeEvent;
  event.FileId = fileId;
  if (options.taskId) event.TaskId = options.taskId;
  if (options.suggestion) event.AiContentReviewResultSet[0].PornTask.Output.Suggestion = options.suggestion;
  if (options.finishedAt)
    event.MediaProcessResultSet = [
      { Type: "Transcode", TranscodeTask: { Status: "SUCCESS", ErrCode: 0, FinishTime: options.finishedAt } },
    ];
  return body;
}

function legacyReview(fileId: string, suggestion: Suggestion): Json {
  const body = loadFixture("legacy/review-procedure-content-review") as Json;
  body.data.fileId = fileId;
  body.data.contentReviewList[0].output.suggestion = suggestion;
  return body;
}

const uploadWithReview = (fileId: string, taskId: string) =>
  v3NewFileUpload(fileId, (body) => (body.FileUploadEvent.ReviewAudioVideoTaskId = taskId));

const START = Date.UTC(2025, 0, 1);

/** Ingests the bodies one second apart (but the first `ingested`, sent already) and checks the stored row against
 *  the TypeScript rule folded over all of them; answers the row. */
async function ingestAll(fileId: string, bodies: Json[], ingested = 0) {
  let state: UploadState | null = null;
  for (const [index, body] of bodies.entries()) {
    const receivedAt = new Date(START + index * 1000);
    if (index >= ingested) {
      const answer = await ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push", receivedAt });
      expect(answer.outcome).toBe("applied");
    }
    const normalised = normaliseEvent(body);
    if (!normalised.ok) throw new Error("fixture does not normalise");
    state = applyEvent(state, normalised.event, { fileId, receivedAt });
  }
  const row = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
  expect(diffUploadState(fileId, state as UploadState, uploadStateOf(row))).toEqual([]);
  return row;
}

describe("review verdicts", () => {
  test.each(["pass", "review", "block"] as const)(
    "keeps a ReviewAudioVideoComplete's %s with its labels, task and form",
    async (suggestion) => {
      const fileId = newFileId();
      const row = await ingestAll(fileId, [v3NewFileUpload(fileId), reviewComplete(fileId, suggestion)]);
      expect(row).toMatchObject({
        status: "UPLOADED",
        reviewStatus: suggestion,
        reviewTaskId: "125xxxx-ReviewAudioVideo-07edbc78t",
        reviewAt: new Date(START + 1000),
        review: expect.objectContaining({
          status: suggestion,
          form: "Image",
          labels: [{ label: "porn", confidence: 99 }],
        }),
      });
    },
  );

  test.each(["pass", "review", "block"] as const)(
    "keeps a task flow's AI content review verdict when its Porn check says %s",
    async (suggestion) => {
      const fileId = newFileId();
      const row = await ingestAll(fileId, [v3NewFileUpload(fileId), aiReview(fileId, { suggestion })]);
      expect(row).toMatchObject({ status: "PROCESSED", reviewStatus: suggestion });
      expect((row.review as Json).labels).toEqual(expect.arrayContaining([{ label: "sexy", confidence: 98 }]));
    },
  );

  test.each(["pass", "review", "block"] as const)(
    "keeps a 2017-format contentReviewList verdict of %s",
    async (suggestion) => {
      const fileId = newFileId();
      const row = await ingestAll(fileId, [v3NewFileUpload(fileId), legacyReview(fileId, suggestion)]);
      expect(row).toMatchObject({ reviewStatus: suggestion, reviewTaskId: "125676836723-xxx-25f5aac63" });
    },
  );

  test("creates the upload of a verdict that arrives before the upload event, which then fills it in", async () => {
    const fileId = newFileId();
    await ingestAll(fileId, [reviewComplete(fileId, "block")]);
    const early = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    expect(early).toMatchObject({ status: "UPLOADED", reviewStatus: "block", uploadedAt: null });
    const row = await ingestAll(fileId, [reviewComplete(fileId, "block"), v3NewFileUpload(fileId)], 1);
    expect(row).toMatchObject({ status: "UPLOADED", reviewStatus: "block", sourceContext: "order-1001" });
  });

  test("never changes the upload's status: a blocked file stays PROCESSED", async () => {
    const fileId = newFileId();
    const row = await ingestAll(fileId, [
      v3NewFileUpload(fileId),
      v3Procedure(fileId),
      reviewComplete(fileId, "block"),
    ]);
    expect(row).toMatchObject({ status: "PROCESSED", reviewStatus: "block" });
  });

  test("lets the later review win by finish time, even when the earlier one arrives last", async () => {
    const fileId = newFileId();
    const later = aiReview(fileId, { suggestion: "pass", finishedAt: "2025-03-01T10:00:00Z", taskId: "flow-2" });
    const earlier = aiReview(fileId, { suggestion: "block", finishedAt: "2025-03-01T09:00:00Z", taskId: "flow-1" });
    const row = await ingestAll(fileId, [v3NewFileUpload(fileId), later, earlier]);
    expect(row).toMatchObject({
      reviewStatus: "pass",
      reviewTaskId: "flow-2",
      reviewAt: new Date("2025-03-01T10:00:00Z"),
    });
  });

  test("lets the later arrival win between reviews without finish times", async () => {
    const fileId = newFileId();
    const row = await ingestAll(fileId, [
      v3NewFileUpload(fileId),
      reviewComplete(fileId, "block", "review-task-1"),
      reviewComplete(fileId, "pass", "review-task-2"),
    ]);
    expect(row).toMatchObject({ reviewStatus: "pass", reviewTaskId: "review-task-2" });
  });

  test("holds a review pending from the upload event until its verdict arrives", async () => {
    const fileId = newFileId();
    const taskId = "125xxxx-ReviewAudioVideo-pending1t";
    const pending = await ingestAll(fileId, [uploadWithReview(fileId, taskId)]);
    expect(pending).toMatchObject({ reviewStatus: "pending", reviewTaskId: taskId });
    const row = await ingestAll(
      fileId,
      [uploadWithReview(fileId, taskId), reviewComplete(fileId, "review", taskId)],
      1,
    );
    expect(row).toMatchObject({ reviewStatus: "review", reviewTaskId: taskId });
  });

  test("keeps a verdict when a pending report of the same task arrives after it", async () => {
    const fileId = newFileId();
    const taskId = "125xxxx-ReviewAudioVideo-late-pending";
    const row = await ingestAll(fileId, [reviewComplete(fileId, "block", taskId), uploadWithReview(fileId, taskId)]);
    expect(row).toMatchObject({ reviewStatus: "block", reviewTaskId: taskId, status: "UPLOADED" });
  });

  test("leaves an upload no review was asked for without one", async () => {
    const fileId = newFileId();
    const row = await ingestAll(fileId, [v3NewFileUpload(fileId), v3Procedure(fileId)]);
    expect(row).toMatchObject({ review: null, reviewStatus: null, reviewTaskId: null, reviewAt: null });
  });
});
