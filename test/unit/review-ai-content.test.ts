// A task flow's content review → a review (src/events/review/read-ai-content-review.ts). The payload is VOD's own
// example of a content-review result notification (test/fixtures/v3/review-procedure-ai-content.json, from the
// "Video content audit" guide: tencentyun/intlcloud-documents `…/视频 AI/视频内容审核_intl_en.md`, origins in
// test/fixtures/SOURCES.md): Porn says block at 98 (label sexy, three segments), Terrorism and Political pass.
// Variants change one member, following the SDK models AiContentReviewResult and AiReviewTask*Result
// (tencentcloud-sdk-nodejs vod_models.ts at 48cf451). Tencent's short-video demo server reads the same fields to
// set a video's review status (tencentyun/vod-xiaoshipin-server `routes/taskcbHandlers.js`, commit 167889e: Porn
// SUCCESS with block → Porn, review → queued for a person, else Normal); the table test below holds that mapping.
import { readAiContentReview } from "../../src/events/review/read-ai-content-review.js";
import { MAX_REVIEW_SEGMENTS } from "../../src/events/review/vod-review.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

const TASK_ID = "1256768367-Procedure-2e1af2456351812be963e309cc133403t0";
const FINISHED = new Date("2019-07-16T06:21:46Z");

function procedure(patch: (procedure: Json) => void = () => undefined): Json {
  const body = loadFixture("v3/review-procedure-ai-content") as Json;
  patch(body.ProcedureStateChangeEvent);
  return body.ProcedureStateChangeEvent;
}

const aiCheck = (type: string, member: string, task: Json) => ({ Type: type, [member]: task });
const finished = (suggestion: string, extra: Json = {}) => ({
  Status: "SUCCESS",
  ErrCode: 0,
  Message: "",
  Input: { Definition: 10 },
  Output: { Confidence: 60, Suggestion: suggestion, SegmentSet: [], ...extra },
});

describe("readAiContentReview", () => {
  it("reads VOD's example as a block on porn at 98, with every check and the flow's task id", () => {
    const review = readAiContentReview(procedure(), FINISHED);
    expect(review).toMatchObject({
      status: "block",
      checks: [
        {
          type: "Porn",
          verdict: "block",
          suggestion: "block",
          label: "sexy",
          confidence: 98,
          form: "Image",
          segments: 3,
        },
        {
          type: "Terrorism",
          verdict: "pass",
          suggestion: "pass",
          label: null,
          confidence: 0,
          form: "Image",
          segments: 0,
        },
        {
          type: "Political",
          verdict: "pass",
          suggestion: "pass",
          label: null,
          confidence: 0,
          form: "Image",
          segments: 0,
        },
      ],
      labels: [{ label: "sexy", confidence: 98 }],
      form: "Image",
      taskId: TASK_ID,
      finishedAt: FINISHED,
      segmentsUrl: null,
    });
    expect(review!.segments.map((s) => [s.startTimeOffset, s.endTimeOffset, s.suggestion, s.confidence])).toEqual([
      [9.5, 14, "block", 98],
      [16.5, 18, "review", 80],
      [41, 49, "block", 97],
    ]);
    expect(review!.segments[0]).toMatchObject({
      check: "Porn",
      label: "sexy",
      url: "http://xxx.vod2.myqcluod.com/xxx/xxx/xx1.jpg",
    });
  });

  // The demo server's mapping for the Porn check, and ours for the file.
  it.each([
    ["block", "block"],
    ["review", "review"],
    ["pass", "pass"],
  ])("gives the file the verdict %s when the Porn check suggests %s and the others pass", (suggestion, verdict) => {
    const review = readAiContentReview(
      procedure((p) => (p.AiContentReviewResultSet[0].PornTask.Output.Suggestion = suggestion)),
    );
    expect(review?.status).toBe(verdict);
  });

  it("takes the most severe suggestion among the checks: one review among passes sends the file to review", () => {
    const review = readAiContentReview(
      procedure((p) => {
        p.AiContentReviewResultSet = [
          aiCheck("Porn", "PornTask", finished("pass")),
          aiCheck("Political.Ocr", "PoliticalOcrTask", finished("review")),
          aiCheck("Terrorism", "TerrorismTask", finished("pass")),
        ];
      }),
    );
    expect(review).toMatchObject({ status: "review", form: "OCR" });
  });

  it("is pending while a check runs, and a block from another check still blocks", () => {
    const running = aiCheck("Porn.Asr", "PornAsrTask", { Status: "PROCESSING", Progress: 40 });
    expect(
      readAiContentReview(
        procedure((p) => (p.AiContentReviewResultSet = [running, aiCheck("Porn", "PornTask", finished("pass"))])),
      )?.status,
    ).toBe("pending");
    expect(
      readAiContentReview(
        procedure((p) => (p.AiContentReviewResultSet = [running, aiCheck("Porn", "PornTask", finished("block"))])),
      )?.status,
    ).toBe("block");
  });

  it("sends the file to review when a check failed, keeping its error code", () => {
    const review = readAiContentReview(
      procedure((p) => {
        p.AiContentReviewResultSet[0].PornTask = { Status: "FAIL", ErrCode: 30010, ErrCodeExt: "", Message: "system" };
        p.AiContentReviewResultSet[1].TerrorismTask.ErrCodeExt = "FailedOperation.Decode";
      }),
    );
    expect(review).toMatchObject({
      status: "review",
      checks: [
        { type: "Porn", verdict: "review", errCode: "30010" },
        { type: "Terrorism", verdict: "review", errCode: "FailedOperation.Decode" },
        { type: "Political", verdict: "pass", errCode: null },
      ],
    });
  });

  it("names the form of a speech or on-screen text check from its Type", () => {
    const review = readAiContentReview(
      procedure((p) => {
        p.AiContentReviewResultSet = [
          aiCheck("Porn.Asr", "PornAsrTask", finished("block")),
          aiCheck("Prohibited.Ocr", "ProhibitedOcrTask", finished("pass")),
        ];
      }),
    );
    expect(review?.checks.map((check) => [check.type, check.form])).toEqual([
      ["Porn.Asr", "ASR"],
      ["Prohibited.Ocr", "OCR"],
    ]);
  });

  it("reads the subtask from its member, not its Type, past the null siblings real callbacks send", () => {
    const review = readAiContentReview(
      procedure((p) => {
        p.AiContentReviewResultSet = [
          {
            Type: "Terrorism",
            PornTask: null,
            TerrorismTask: finished("block", { Label: "guns" }),
            PoliticalTask: null,
          },
          { PoliticalTask: finished("pass") },
        ];
      }),
    );
    expect(review?.checks.map((check) => [check.type, check.verdict, check.label])).toEqual([
      ["Terrorism", "block", "guns"],
      ["Political", "pass", null],
    ]);
  });

  it("keeps the 100 most severe segments across checks, in the order sent", () => {
    const segments = (suggestion: string, from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        StartTimeOffset: from + i,
        EndTimeOffset: from + i + 1,
        Confidence: 70,
        Suggestion: suggestion,
        Label: "porn",
      }));
    const review = readAiContentReview(
      procedure((p) => {
        p.AiContentReviewResultSet = [
          aiCheck("Porn", "PornTask", finished("review", { SegmentSet: segments("review", 0, 80) })),
          aiCheck("Terrorism", "TerrorismTask", finished("block", { SegmentSet: segments("block", 1000, 40) })),
        ];
      }),
    )!;
    expect(review.segments).toHaveLength(MAX_REVIEW_SEGMENTS);
    expect(review.segments.filter((s) => s.suggestion === "block")).toHaveLength(40);
    expect(review.segments.map((s) => s.startTimeOffset)).toEqual([
      ...Array.from({ length: 60 }, (_, i) => i),
      ...Array.from({ length: 40 }, (_, i) => 1000 + i),
    ]);
  });

  it("reads an empty or absent result set, and one of null members only, as no review", () => {
    expect(readAiContentReview(loadFixture("v3/procedure-finish-success").ProcedureStateChangeEvent)).toBeNull();
    expect(readAiContentReview(procedure((p) => delete p.AiContentReviewResultSet))).toBeNull();
    expect(
      readAiContentReview(
        procedure((p) => (p.AiContentReviewResultSet = [{ Type: "Porn", PornTask: null }, null, "x"])),
      ),
    ).toBeNull();
  });
});
