// The Upload JSON's `review` and `pull` (src/uploads/review-json.ts, pull-json.ts) and the publishable rule
// (src/uploads/publishable.ts): what an app reads to gate publishing and to decide whether to pull again. Stored
// values of unexpected types answer null fields, never an exception (the status GET must not 5xx on a strange row).
import { PULL_RETRYABLE_ERR_CODES, pullJson } from "../../src/uploads/pull-json.js";
import { reviewJson } from "../../src/uploads/review-json.js";
import { isPublishable } from "../../src/uploads/publishable.js";

describe("reviewJson", () => {
  test("answers null when no review was asked for", () => {
    expect(reviewJson({ review: null, reviewStatus: null, reviewTaskId: null })).toBeNull();
  });

  test("takes its status from the column the ?review= filter reads, and its fields in a fixed order", () => {
    const stored = {
      segments: [],
      status: "pass",
      taskId: "t-1",
      labels: [{ confidence: 150, label: "unknown-label" }],
      checks: [{ type: "Porn", verdict: "block", suggestion: "block", label: "porn", confidence: 98 }],
      finishedAt: "2026-12-06T08:00:00Z",
    };
    const json = reviewJson({ review: stored, reviewStatus: "block", reviewTaskId: "t-2" });
    expect(Object.keys(json!)).toEqual([
      "status",
      "checks",
      "labels",
      "form",
      "taskId",
      "finishedAt",
      "segmentsUrl",
      "segments",
    ]);
    expect(json).toMatchObject({
      status: "block",
      taskId: "t-1",
      finishedAt: "2026-12-06T08:00:00.000Z",
      // An unknown label and a confidence outside 0–100 are kept as given.
      labels: [{ label: "unknown-label", confidence: 150 }],
      checks: [{ type: "Porn", verdict: "block", confidence: 98, segments: 0, segmentsUrl: null, errCode: null }],
    });
  });

  test("a pending review known only by its column and task answers an empty verdict", () => {
    expect(reviewJson({ review: null, reviewStatus: "pending", reviewTaskId: "t-3" })).toEqual({
      status: "pending",
      checks: [],
      labels: [],
      form: null,
      taskId: "t-3",
      finishedAt: null,
      segmentsUrl: null,
      segments: [],
    });
  });

  test("values of the wrong type answer null or nothing, never an exception", () => {
    const json = reviewJson({
      review: { status: "block", checks: "many", labels: [7, { label: 3 }], finishedAt: "yesterday", segments: [null] },
      reviewStatus: "surprise",
      reviewTaskId: null,
    });
    expect(json).toMatchObject({ status: "block", checks: [], labels: [], finishedAt: null, segments: [] });
  });
});

describe("pullJson", () => {
  const pull = (errCode: number | null, metadata: unknown = { pullSourceUrl: "https://origin.example/a.mp4" }) =>
    pullJson({
      pullTaskId: "1256768367-Pull-f5ac",
      pullErrCode: errCode,
      pullMessage: errCode ? "failed" : null,
      metadata,
    });

  test.each([
    [null, null],
    [70000, true],
    [40000, false],
    [60000, false],
    [12345, false],
  ])("ErrCode %p answers retryable %p", (errCode, retryable) => {
    expect(pull(errCode)?.retryable).toBe(retryable);
  });

  test("only 70000 (VOD's internal error) is retryable", () => {
    expect(PULL_RETRYABLE_ERR_CODES).toEqual([70000]);
  });

  test("answers the source URL the request named, else null, and null for an upload that was not pulled", () => {
    expect(pull(null)).toEqual({
      taskId: "1256768367-Pull-f5ac",
      sourceUrl: "https://origin.example/a.mp4",
      errCode: null,
      message: null,
      retryable: null,
    });
    expect(pull(null, {})?.sourceUrl).toBeNull();
    expect(pull(null, { pullSourceUrl: 5 })?.sourceUrl).toBeNull();
    expect(pullJson({ pullTaskId: null, pullErrCode: null, pullMessage: null, metadata: {} })).toBeNull();
  });
});

describe("isPublishable", () => {
  test.each([
    [true, null, true],
    [true, "pass", true],
    [true, "pending", false],
    [true, "review", false],
    [true, "block", false],
    [false, null, false],
    [false, "pass", false],
  ] as const)("playable %p with review %p: %p", (playable, reviewStatus, expected) => {
    expect(isPublishable(playable, reviewStatus)).toBe(expected);
  });
});
