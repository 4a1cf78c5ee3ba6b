// ReviewAudioVideoComplete → a review (src/events/review/read-review-v3.ts). The payload is Tencent's own example
// (test/fixtures/v3/review-audio-video-complete.json, from <https://www.tencentcloud.com/document/product/266/50677>;
// origins in test/fixtures/SOURCES.md): it spells the label `porn` on the Output and `Porn` on each segment. Variants
// change one member of that payload, following the SDK model ReviewAudioVideoTask / ReviewAudioVideoTaskOutput
// (tencentcloud-sdk-nodejs vod_models.ts at 48cf451), whose CoverReviewResult is a ReviewImageResult.
import { readReviewV3 } from "../../src/events/review/read-review-v3.js";
import { MAX_REVIEW_SEGMENTS } from "../../src/events/review/vod-review.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

const TASK_ID = "125xxxx-ReviewAudioVideo-07edbc78ba20563cdf2362cffbf4aa0ct";
const SEGMENTS_URL =
  "http://251000800.vod2.myqcloud.com/a8800b40vodtranssgp251000800/0f9bd2b0-34a8-4642-f481-001894d93019.txt";

function task(patch: (task: Json) => void = () => undefined): Json {
  const body = loadFixture("v3/review-audio-video-complete") as Json;
  patch(body.ReviewAudioVideoCompleteEvent);
  return body.ReviewAudioVideoCompleteEvent;
}

const segment = (suggestion: string, at: number, label = "Porn") => ({
  StartTimeOffset: at,
  EndTimeOffset: at + 1,
  Confidence: 90,
  Suggestion: suggestion,
  Label: label,
  Form: "Image",
});

describe("readReviewV3", () => {
  it("reads Tencent's example as a block on porn, one label whatever case VOD spells it in", () => {
    const review = readReviewV3(task());
    expect(review).toMatchObject({
      status: "block",
      checks: [
        {
          type: "Media",
          verdict: "block",
          suggestion: "block",
          label: "porn",
          confidence: 99,
          form: "Image",
          segments: 10,
          segmentsUrl: SEGMENTS_URL,
          errCode: null,
        },
      ],
      labels: [{ label: "porn", confidence: 99 }],
      form: "Image",
      taskId: TASK_ID,
      finishedAt: null,
      segmentsUrl: SEGMENTS_URL,
    });
    expect(review!.segments).toHaveLength(10);
    expect(review!.segments[0]).toEqual({
      check: "Media",
      startTimeOffset: 0,
      endTimeOffset: 1,
      suggestion: "block",
      label: "porn",
      confidence: 99,
      form: "Image",
      url: null,
    });
  });

  it.each(["pass", "review", "block"] as const)("gives the verdict %s when the media's suggestion is %s", (verdict) => {
    const review = readReviewV3(
      task((t) => {
        t.Output.Suggestion = verdict;
        t.Output.SegmentSet = verdict === "pass" ? [] : [segment(verdict, 0)];
      }),
    );
    expect(review?.status).toBe(verdict);
  });

  it("is pending while the task still runs", () => {
    const review = readReviewV3(
      task((t) => {
        t.Status = "PROCESSING";
        delete t.Output;
      }),
    );
    expect(review).toMatchObject({
      status: "pending",
      taskId: TASK_ID,
      checks: [{ type: "Media", verdict: "pending" }],
    });
  });

  it("sends the file to review when the task failed, keeping its error code", () => {
    const review = readReviewV3(
      task((t) => {
        t.ErrCodeExt = "FailedOperation.MediaDecode";
        t.Message = "decode failed";
        delete t.Output;
      }),
    );
    expect(review).toMatchObject({
      status: "review",
      checks: [{ type: "Media", verdict: "review", suggestion: null, errCode: "FailedOperation.MediaDecode" }],
    });
  });

  it("reads the cover's result as a second check that can decide the verdict", () => {
    const review = readReviewV3(
      task((t) => {
        // Label and Form are only meaningful on a review or block (SDK: ReviewAudioVideoTaskOutput).
        t.Output = { Suggestion: "pass", SegmentSet: [] };
        t.Output.CoverReviewResult = {
          Suggestion: "review",
          Label: "Ad",
          Form: "OCR",
          SegmentSet: [{ Confidence: 71, Suggestion: "review", Label: "Ad", Form: "OCR", Text: "buy now" }],
        };
      }),
    );
    expect(review).toMatchObject({
      status: "review",
      form: "OCR",
      checks: [
        { type: "Media", verdict: "pass" },
        { type: "Cover", verdict: "review", label: "ad", confidence: 71, form: "OCR", segments: 1 },
      ],
      labels: [{ label: "ad", confidence: 71 }],
    });
  });

  it("reads a cover-only review as the cover's check alone", () => {
    const review = readReviewV3(
      task((t) => {
        t.Input.ReviewContents = ["Cover"];
        t.Output = { CoverReviewResult: { Suggestion: "pass" } };
      }),
    );
    expect(review).toMatchObject({ status: "pass", checks: [{ type: "Cover", verdict: "pass" }] });
  });

  it("keeps an unknown label and a confidence outside 0–100 as given, a numeric string as its number", () => {
    const review = readReviewV3(
      task((t) => {
        t.Output.Label = "Qrcode";
        t.Output.SegmentSet = [
          { ...segment("block", 0, "Qrcode"), Confidence: 250 },
          { ...segment("review", 1, "Moan"), Confidence: -5 },
          { ...segment("review", 2, "Moan"), Confidence: "98.5" },
          { ...segment("review", 3, "Moan"), Confidence: "very high" },
        ];
      }),
    );
    expect(review?.labels).toEqual([
      { label: "qrcode", confidence: 250 },
      { label: "moan", confidence: 98.5 },
    ]);
    expect(review?.segments.map((s) => s.confidence)).toEqual([250, -5, 98.5, null]);
  });

  it("keeps a suggestion VOD has not documented, and ranks it as review", () => {
    const review = readReviewV3(task((t) => (t.Output.Suggestion = "Suspect")));
    expect(review).toMatchObject({ status: "review", checks: [{ suggestion: "suspect", verdict: "review" }] });
  });

  it("keeps at most 100 segments of a check, however many are sent, and counts them all", () => {
    const sent = [
      ...Array.from({ length: 120 }, (_, at) => segment("review", at)),
      ...Array.from({ length: 30 }, (_, at) => segment("block", 120 + at)),
    ];
    const review = readReviewV3(task((t) => (t.Output.SegmentSet = sent)))!;
    expect(review.checks[0]!.segments).toBe(150);
    expect(review.segments).toHaveLength(MAX_REVIEW_SEGMENTS);
    // VOD lists at most 100 per check (the SDK): more is not a payload it sends, so the first 100 are read.
    expect(review.segments.map((s) => s.startTimeOffset)).toEqual(Array.from({ length: 100 }, (_, at) => at));
  });

  it("makes text the database could not hold storable", () => {
    const review = readReviewV3(task((t) => (t.Output.Label = "po\u0000rn\ud800")));
    expect(review?.checks[0]?.label).toBe("po\ufffdrn\ufffd");
  });

  it.each([null, [], "ReviewAudioVideoComplete", 42])("reads %p as no review", (value) => {
    expect(readReviewV3(value)).toBeNull();
  });
});
