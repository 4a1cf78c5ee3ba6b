// Properties of the review readers (src/events/review/) over hostile JSON shaped like the review members they read
// (the SDK's ReviewAudioVideoTask, AiContentReviewResult and the 2017 contentReviewList, in both key styles): a
// strange value costs that value, never the callback. Whatever comes in, a reader returns null or a review whose
// verdict is the most severe of its checks, with at most 100 segments, and nothing the database cannot store (no
// NUL, no lone surrogate, no infinite number). Seeded (test/support/property-seed.ts).
import fc from "fast-check";
import { readAiContentReview } from "../../src/events/review/read-ai-content-review.js";
import { readReviewLegacy } from "../../src/events/review/read-review-legacy.js";
import { readReviewV3 } from "../../src/events/review/read-review-v3.js";
import { verdictOf } from "../../src/events/review/verdict-of.js";
import { MAX_REVIEW_SEGMENTS, reviewStatuses, type VodReview } from "../../src/events/review/vod-review.js";
import { isStorableText } from "../../src/storable-text.js";
import { oddNumber, oddString, type Json } from "../support/hostile-json.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_261_215);

const REVIEW_KEYS = [
  "TaskId",
  "Status",
  "ErrCode",
  "ErrCodeExt",
  "Input",
  "Output",
  "Suggestion",
  "Label",
  "Confidence",
  "Form",
  "SegmentSet",
  "SegmentSetFileUrl",
  "CoverReviewResult",
  "StartTimeOffset",
  "EndTimeOffset",
  "Url",
  "Type",
  "PornTask",
  "TerrorismTask",
  "PornAsrTask",
  "vodTaskId",
  "procedureTaskId",
  "taskType",
  "status",
  "errCode",
  "output",
  "suggestion",
  "confidence",
  "segments",
  "startTimeOffset",
  "url",
  "__proto__",
];
const REVIEW_WORDS = ["pass", "review", "block", "PROCESSING", "SUCCESS", "FAIL", "FINISH", "Porn", "Porn.Asr", "98.5"];

const reviewValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: fc.oneof(oddString, oddNumber, fc.boolean(), fc.constant(null)) },
    { weight: 3, arbitrary: fc.constantFrom(...REVIEW_WORDS) },
    { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    {
      weight: 5,
      arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...REVIEW_KEYS), oddString), tie("value"), {
        maxKeys: 5,
        noNullPrototype: true,
      }),
    },
  ),
})).value;

const reviewObject = fc.dictionary(fc.constantFrom(...REVIEW_KEYS), reviewValue, { maxKeys: 5, noNullPrototype: true });

/** An AiContentReviewResult-like item: a Type and a subtask member holding an object, or anything. */
const resultItem: fc.Arbitrary<Json> = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...REVIEW_WORDS), oddString),
      fc.constantFrom("PornTask", "TerrorismTask", "PornAsrTask"),
      reviewObject,
    )
    .map(([type, member, task]) => ({ Type: type, [member]: task })),
  reviewObject,
  reviewValue,
);

/** A member with a result list where each reader looks for one, so the readers get past their first check. */
const reviewMember = fc
  .tuple(reviewObject, fc.array(resultItem, { maxLength: 4 }))
  .map(([member, list]) => ({ ...member, AiContentReviewResultSet: list, contentReviewList: list }));

function expectStorableReview(review: VodReview | null): void {
  if (review === null) return;
  expect(reviewStatuses).toContain(review.status);
  expect(review.status).toBe(verdictOf(review.checks.map((check) => check.verdict)));
  expect(review.segments.length).toBeLessThanOrEqual(MAX_REVIEW_SEGMENTS);
  const walk = (value: unknown): void => {
    if (typeof value === "string") expect(isStorableText(value)).toBe(true);
    else if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value instanceof Date) expect(Number.isNaN(value.getTime())).toBe(false);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(walk);
  };
  walk(review);
}

describe("review readers on hostile input", () => {
  it.each([
    ["readReviewV3", (value: unknown) => readReviewV3(value)],
    ["readAiContentReview", (value: unknown) => readAiContentReview(value, null)],
    ["readReviewLegacy", (value: unknown) => readReviewLegacy(value, null)],
  ])("%s returns no review or a storable one, and never throws", (_, read) => {
    let reviews = 0;
    fc.assert(
      fc.property(fc.oneof(reviewMember, reviewValue), (value) => {
        const review = read(value);
        if (review !== null) reviews += 1;
        expectStorableReview(review);
      }),
      { seed: SEED, numRuns: 400 },
    );
    // The inputs must reach the readers' assembly, not stop at their first check.
    expect(reviews).toBeGreaterThan(20);
  });
});
