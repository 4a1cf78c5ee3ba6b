// A 2017-format ProcedureStateChanged's contentReviewList → a review (src/events/review/read-review-legacy.ts). The
// payload is the history-format page's example, verbatim (test/fixtures/legacy/review-procedure-content-review.json,
// from tencentyun/intlcloud-documents `…/事件通知/历史格式回调_intl_en.md`; origins in test/fixtures/SOURCES.md): one
// Porn task, block at 98, two segments, and no label or form (that format has neither).
import { readReviewLegacy } from "../../src/events/review/read-review-legacy.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function data(patch: (data: Json) => void = () => undefined): Json {
  const body = loadFixture("legacy/review-procedure-content-review") as Json;
  patch(body.data);
  return body.data;
}

describe("readReviewLegacy", () => {
  it("reads the page's example as a block from its Porn task, with no label or form invented", () => {
    const review = readReviewLegacy(data());
    expect(review).toEqual({
      status: "block",
      checks: [
        {
          type: "Porn",
          verdict: "block",
          suggestion: "block",
          label: null,
          confidence: 98,
          form: null,
          segments: 2,
          segmentsUrl: null,
          errCode: null,
        },
      ],
      labels: [],
      form: null,
      taskId: "125676836723-xxx-25f5aac63",
      finishedAt: null,
      segmentsUrl: null,
      segments: [
        {
          check: "Porn",
          startTimeOffset: 20,
          endTimeOffset: 120,
          suggestion: "block",
          label: null,
          confidence: 98,
          form: null,
          url: "http://125676836723.vod2.myqcluod.com/xxx/xxx/xx.jpg",
        },
        {
          check: "Porn",
          startTimeOffset: 120,
          endTimeOffset: 130,
          suggestion: "review",
          label: null,
          confidence: 54,
          form: null,
          url: "http://125676836723.vod2.myqcluod.com/xxx/xxx/xx.jpg",
        },
      ],
    });
  });

  it("takes the finish time the caller read from the task flow", () => {
    const finishedAt = new Date("2018-06-26T09:25:46Z");
    expect(readReviewLegacy(data(), finishedAt)?.finishedAt).toEqual(finishedAt);
  });

  it("is pending while the Porn task runs, and sends the file to review when it failed", () => {
    const running = readReviewLegacy(
      data((d) => (d.contentReviewList[0] = { taskType: "Porn", status: "PROCESSING" })),
    );
    expect(running?.status).toBe("pending");
    const failed = readReviewLegacy(
      data(
        (d) => (d.contentReviewList[0] = { taskType: "Porn", status: "FAIL", errCode: 30009, message: "bad source" }),
      ),
    );
    expect(failed).toMatchObject({ status: "review", checks: [{ verdict: "review", errCode: "30009" }] });
  });

  it("falls back to procedureTaskId for the task id", () => {
    const review = readReviewLegacy(
      data((d) => {
        delete d.vodTaskId;
        d.procedureTaskId = "125676836723-procedure-1";
      }),
    );
    expect(review?.taskId).toBe("125676836723-procedure-1");
  });

  it("reads a task flow without contentReviewList as no review", () => {
    expect(readReviewLegacy(loadFixture("legacy/procedure-state-changed-outputs").data)).toBeNull();
    expect(readReviewLegacy(data((d) => (d.contentReviewList = [])))).toBeNull();
  });
});
