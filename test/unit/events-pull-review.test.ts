// What the normalisers make of PullComplete and of the events that carry a review (issue 15), and the patch each
// becomes. Bodies are Tencent's (test/fixtures, SOURCES.md); a failed pull sets ErrCode and an empty FileId on them
// as the SDK's PullUploadTask documents (40000, 60000, 70000) and the emulator sends (src/emulator/pulls).
import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { toUploadPatch } from "../../src/uploads/upload-patch.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function normalised(body: Json): VodEvent {
  const result = normaliseEvent(body);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.event;
}

function failedPull(errCode: number): Json {
  const body = loadFixture("v3/pull-complete") as Json;
  Object.assign(body.PullCompleteEvent, { ErrCode: errCode, Message: "Source file error", FileId: "" });
  return body;
}

describe("PullComplete", () => {
  test("is an upload of its FileId with the pull TaskId, media, SourceContext and its task", () => {
    const event = normalised(loadFixture("v3/pull-complete"));
    expect(event).toMatchObject({
      kind: "upload",
      fileId: "5285890784273600042",
      pullTaskId: "1256768367-Pull-3f2b8a1c9d0e4f5a6b7c8d9e0f1a2b3ct1",
      sourceContext: "pull-77",
      storageRegion: "ap-chongqing",
      mediaType: "mp4",
      occurredAt: new Date("2024-06-10T10:01:12Z"),
      task: { kind: "PullUpload", status: "FINISH" },
    });
    expect(event).not.toHaveProperty("review", expect.anything());
    expect(toUploadPatch(event)).toMatchObject({
      kind: "upload",
      files: [{ fileId: "5285890784273600042", target: "UPLOADED" }],
      pull: { taskId: "1256768367-Pull-3f2b8a1c9d0e4f5a6b7c8d9e0f1a2b3ct1", errCode: null },
    });
  });

  test("holds the review the pull asked for as pending", () => {
    const body = loadFixture("v3/pull-complete") as Json;
    body.PullCompleteEvent.ReviewAudioVideoTaskId = "1256768367-ReviewAudioVideo-abc";
    expect(normalised(body)).toMatchObject({
      review: { status: "pending", taskId: "1256768367-ReviewAudioVideo-abc", labels: [] },
    });
  });

  test.each([40000, 60000, 70000])("with ErrCode %i is a failed pull naming its upload by TaskId", (errCode) => {
    const event = normalised(failedPull(errCode));
    expect(event).toEqual({
      kind: "pullFailed",
      eventType: "PullComplete",
      format: "v3",
      fileId: null,
      pullTaskId: "1256768367-Pull-3f2b8a1c9d0e4f5a6b7c8d9e0f1a2b3ct1",
      errCode,
      message: "Source file error",
    });
    expect(toUploadPatch(event)).toMatchObject({ kind: "pull", files: [], pull: { errCode } });
  });

  test("is refused, saying why, when it finished without error and without a FileId", () => {
    const body = loadFixture("v3/pull-complete") as Json;
    body.PullCompleteEvent.FileId = "";
    const result = normaliseEvent(body);
    expect(result).toMatchObject({ ok: false, format: "v3", eventType: "PullComplete" });
    expect(JSON.stringify(result)).toContain("without a FileId");
  });

  test("still running (Status PROCESSING, no FileId) says nothing to apply", () => {
    const body = loadFixture("v3/pull-complete") as Json;
    Object.assign(body.PullCompleteEvent, { Status: "PROCESSING", FileId: "" });
    expect(normalised(body)).toMatchObject({ kind: "other", eventType: "PullComplete" });
  });

  test("in the 2017 format keeps its task without the AppId prefix and reads status as the error code", () => {
    expect(normalised(loadFixture("legacy/pull-complete"))).toMatchObject({
      kind: "upload",
      format: "legacy",
      pullTaskId: "Pull-f5ac8127b3b6b85cdc13f237c6005d8",
    });
    const failed = loadFixture("legacy/pull-complete") as Json;
    Object.assign(failed.data, { status: 60000, fileId: "", fileUrl: "" });
    expect(normalised(failed)).toMatchObject({ kind: "pullFailed", errCode: 60000, format: "legacy" });
  });
});

describe("events carrying a review", () => {
  test("ReviewAudioVideoComplete is a review of its Input's file, with its task", () => {
    const event = normalised(loadFixture("v3/review-audio-video-complete"));
    expect(event).toMatchObject({
      kind: "review",
      fileId: "387702130626135215",
      review: { status: "block", taskId: "125xxxx-ReviewAudioVideo-07edbc78ba20563cdf2362cffbf4aa0ct" },
      task: { kind: "ReviewAudioVideo", status: "FINISH", failed: false },
    });
    expect(toUploadPatch(event)).toMatchObject({
      kind: "review",
      files: [{ fileId: "387702130626135215", target: null }],
      review: { status: "block" },
    });
  });

  test("a ProcedureStateChanged carries its AiContentReviewResultSet's verdict, and the 2017 one its contentReviewList's", () => {
    expect(normalised(loadFixture("v3/review-procedure-ai-content"))).toMatchObject({
      kind: "procedure",
      review: { status: "block", labels: expect.arrayContaining([{ label: "sexy", confidence: 98 }]) },
    });
    expect(normalised(loadFixture("legacy/review-procedure-content-review"))).toMatchObject({
      kind: "procedure",
      review: { status: "block", taskId: "125676836723-xxx-25f5aac63" },
    });
  });

  test("a NewFileUpload that asked for a review holds it pending; one that did not carries none", () => {
    const asked = loadFixture("v3/new-file-upload") as Json;
    asked.FileUploadEvent.ReviewAudioVideoTaskId = "1256768367-ReviewAudioVideo-xyz";
    expect(normalised(asked)).toMatchObject({
      review: { status: "pending", taskId: "1256768367-ReviewAudioVideo-xyz" },
    });
    const plain = normalised(loadFixture("v3/new-file-upload"));
    expect(plain).not.toHaveProperty("review");
    expect(toUploadPatch(plain)).not.toHaveProperty("review");
  });
});
