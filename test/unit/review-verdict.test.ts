// The rules every review reader shares (src/events/review/): how one check's state and suggestion become its
// verdict, how a review's checks make the file's verdict, how labels are spelled, a review started but not yet
// reported, and which of two reviews stands. The suggestion values and task states are the SDK's
// (AiReviewTaskPornResult.Status PROCESSING | SUCCESS | FAIL; Output.Suggestion pass | review | block:
// tencentcloud-sdk-nodejs vod_models.ts at 48cf451).
import { checkVerdict } from "../../src/events/review/check-verdict.js";
import { laterReview } from "../../src/events/review/later-review.js";
import { normaliseLabel } from "../../src/events/review/normalise-label.js";
import { pendingReview } from "../../src/events/review/pending-review.js";
import { verdictOf } from "../../src/events/review/verdict-of.js";
import type { ReviewStatus } from "../../src/events/review/vod-review.js";

describe("checkVerdict", () => {
  it.each<[string, { running: boolean; failed: boolean; suggestion: string | null }, ReviewStatus]>([
    ["a finished pass passes", { running: false, failed: false, suggestion: "pass" }, "pass"],
    ["a finished review goes to review", { running: false, failed: false, suggestion: "review" }, "review"],
    ["a finished block blocks", { running: false, failed: false, suggestion: "block" }, "block"],
    ["a check still running is pending", { running: true, failed: false, suggestion: null }, "pending"],
    ["a failed check goes to review", { running: false, failed: true, suggestion: null }, "review"],
    [
      "a failed check goes to review even if it said pass",
      { running: false, failed: true, suggestion: "pass" },
      "review",
    ],
    ["an unknown suggestion goes to review", { running: false, failed: false, suggestion: "suspect" }, "review"],
    [
      "a finished check without a suggestion goes to review",
      { running: false, failed: false, suggestion: null },
      "review",
    ],
  ])("%s", (_, check, verdict) => {
    expect(checkVerdict(check)).toBe(verdict);
  });
});

describe("verdictOf", () => {
  it.each<[ReviewStatus[], ReviewStatus | null]>([
    [["pass", "pass", "pass"], "pass"],
    [["pass", "review", "pass"], "review"],
    [["review", "block", "pass"], "block"],
    [["pass", "pending"], "pending"],
    [["pending", "review"], "review"],
    [["block", "pending"], "block"],
    [[], null],
  ])("makes %j into %s", (verdicts, verdict) => {
    expect(verdictOf(verdicts)).toBe(verdict);
  });

  it("does not depend on the order of the checks", () => {
    const verdicts: ReviewStatus[] = ["pass", "pending", "review", "block"];
    for (let turn = 0; turn < verdicts.length; turn += 1) {
      expect(verdictOf([...verdicts.slice(turn), ...verdicts.slice(0, turn)])).toBe("block");
      expect(verdictOf([...verdicts.slice(turn), ...verdicts.slice(0, turn)].filter((v) => v !== "block"))).toBe(
        "review",
      );
    }
  });
});

describe("normaliseLabel", () => {
  it("spells the label of Tencent's ReviewAudioVideoComplete example one way, as its Output and segments do not", () => {
    expect(normaliseLabel("porn")).toBe("porn");
    expect(normaliseLabel("Porn")).toBe("porn");
  });

  it("keeps an unknown label, in lower case, and reads none from an empty or missing one", () => {
    expect(normaliseLabel("QRCode")).toBe("qrcode");
    expect(normaliseLabel("violation_photo")).toBe("violation_photo");
    expect(normaliseLabel("")).toBeNull();
    expect(normaliseLabel(null)).toBeNull();
    expect(normaliseLabel(7)).toBeNull();
  });
});

describe("pendingReview", () => {
  it("makes a pending review from a started review task's id", () => {
    expect(pendingReview("125xxxx-ReviewAudioVideo-07edbc78ba20563cdf2362cffbf4aa0ct")).toEqual({
      status: "pending",
      checks: [],
      labels: [],
      form: null,
      taskId: "125xxxx-ReviewAudioVideo-07edbc78ba20563cdf2362cffbf4aa0ct",
      finishedAt: null,
      segmentsUrl: null,
      segments: [],
    });
  });

  it("makes none from the empty id VOD sends when no review was asked for", () => {
    expect(pendingReview("")).toBeNull();
    expect(pendingReview(undefined)).toBeNull();
  });
});

describe("laterReview", () => {
  const review = (status: ReviewStatus, taskId: string, finishedAt: string | null) => ({
    status,
    checks: [],
    labels: [],
    form: null,
    taskId,
    finishedAt: finishedAt === null ? null : new Date(finishedAt),
    segmentsUrl: null,
    segments: [],
  });

  it("lets a later review win, by finish time when both have one", () => {
    const early = review("block", "flow-1", "2024-06-10T08:00:00Z");
    const late = review("pass", "flow-2", "2024-06-10T09:00:00Z");
    expect(laterReview(early, late)).toBe(late);
    expect(laterReview(late, early)).toBe(late);
  });

  it("lets the review that arrives last win when either has no finish time", () => {
    const stored = review("block", "review-1", null);
    const incoming = review("pass", "review-2", "2024-06-10T08:00:00Z");
    expect(laterReview(stored, incoming)).toBe(incoming);
    expect(laterReview(incoming, stored)).toBe(stored);
  });

  it("keeps a verdict when its own task is reported pending again, but not against a new task", () => {
    const verdict = review("block", "review-1", null);
    expect(laterReview(verdict, pendingReview("review-1"))).toBe(verdict);
    expect(laterReview(verdict, pendingReview("review-2"))?.status).toBe("pending");
  });

  it("keeps what is stored when nothing new is said, and takes the first review", () => {
    const stored = review("pass", "review-1", null);
    expect(laterReview(stored, null)).toBe(stored);
    expect(laterReview(null, stored)).toBe(stored);
  });
});
