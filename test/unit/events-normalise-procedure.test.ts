import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { ProcedureEvent } from "../../src/events/vod-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function procedure(name: string, patch: (event: Json) => void = () => undefined): ProcedureEvent {
  const body = loadFixture(name) as Json;
  patch(body.ProcedureStateChangeEvent ?? body.data);
  const result = normaliseEvent(body);
  if (!result.ok || result.event.kind !== "procedure")
    throw new Error(`not a procedure event: ${JSON.stringify(result)}`);
  return result.event;
}

const transcode = (event: Json): Json => event.MediaProcessResultSet[0].TranscodeTask;

describe("normaliseEvent on ProcedureStateChanged", () => {
  it.each<[string, (event: Json) => void, boolean]>([
    ["every subtask succeeded", () => undefined, false],
    ["the top-level ErrCode is non-zero", (event) => (event.ErrCode = 10010), true],
    ["the top-level ErrCode is a non-zero numeric string", (event) => (event.ErrCode = "10010"), true],
    ["a subtask has Status FAIL", (event) => (transcode(event).Status = "FAIL"), true],
    ["a subtask has a non-zero ErrCode", (event) => (transcode(event).ErrCode = 30010), true],
    ["a subtask has a non-empty ErrCodeExt", (event) => (transcode(event).ErrCodeExt = "InternalError"), true],
    [
      "a subtask of a type VOD added later failed",
      (event) => event.MediaProcessResultSet.push({ Type: "Future", FutureThingTask: { Status: "FAIL" } }),
      true,
    ],
    [
      "the flow is still PROCESSING, whatever its subtasks say",
      (event) => ((event.Status = "PROCESSING"), (transcode(event).Status = "FAIL")),
      false,
    ],
    [
      "the flow is still PROCESSING with a non-zero ErrCode",
      (event) => ((event.Status = "PROCESSING"), (event.ErrCode = 1)),
      false,
    ],
  ])("in v3, failed is right when %s", (_, patch, failed) => {
    expect(procedure("v3/procedure-finish-success", patch).failed).toBe(failed);
  });

  it.each<[string, (data: Json) => void, boolean]>([
    ["every subtask succeeded", () => undefined, false],
    ["the top-level errCode is non-zero", (data) => (data.errCode = 30010), true],
    ["a subtask has status FAIL", (data) => (data.processTaskList[0].status = "FAIL"), true],
    ["a subtask has a non-zero errCode", (data) => (data.processTaskList[0].errCode = 30009), true],
    ["a subtask has a non-empty errCodeExt", (data) => (data.processTaskList[0].errCodeExt = "SourceFileError"), true],
    [
      "the flow is still PROCESSING",
      (data) => ((data.status = "PROCESSING"), (data.processTaskList[0].status = "FAIL")),
      false,
    ],
  ])("in the 2017 format, failed is right when %s", (_, patch, failed) => {
    expect(procedure("legacy/procedure-state-changed", patch).failed).toBe(failed);
  });

  it("summarises every subtask and takes the flow's identity and media from the event", () => {
    expect(procedure("v3/procedure-finish-success")).toMatchObject({
      eventType: "ProcedureStateChanged",
      fileId: "5285890784273533167",
      procedureTaskId: "1256768367-Procedure-475b7228d4f8f50d1cb177t1",
      errCode: 0,
      message: null,
      finishedAt: new Date("2024-06-10T08:13:31Z"),
      results: [
        { type: "Transcode", status: "SUCCESS", errCode: 0, errCodeExt: null, message: "SUCCESS" },
        { type: "CoverBySnapshot", status: "SUCCESS", errCode: 0, errCodeExt: null, message: "SUCCESS" },
      ],
      media: {
        mediaUrl: expect.stringMatching(/\/q1BORBPQH1IA\.mp4$/),
        name: "lesson-01-intro",
        coverUrl: null,
        sourceContext: null,
        metadata: {
          size: 7700180,
          duration: 60,
          audioStreamSet: [{ bitrate: 383854, codec: "aac", samplingRate: 48000 }],
        },
      },
    });
  });

  it("keeps the failing subtask's codes in results", () => {
    expect(procedure("v3/procedure-finish-failed").results).toEqual([
      {
        type: "Transcode",
        status: "FAIL",
        errCode: 30009,
        errCodeExt: "SourceFileError",
        message: "Source file error",
      },
    ]);
    expect(procedure("legacy/procedure-finish-failed").results).toEqual([
      { type: "Transcode", status: "FAIL", errCode: 30009, errCodeExt: null, message: "source file error" },
    ]);
  });

  it("takes finishedAt from the latest subtask FinishTime, ignoring empty and unreadable ones", () => {
    const event = procedure("v3/procedure-finish-success", (event) => {
      event.MediaProcessResultSet[1].CoverBySnapshotTask.FinishTime = "2024-06-10T08:14:02Z";
      event.MediaProcessResultSet.push({
        Type: "SampleSnapshot",
        SampleSnapshotTask: { Status: "SUCCESS", FinishTime: "soon" },
      });
    });
    expect(event.finishedAt).toEqual(new Date("2024-06-10T08:14:02Z"));
    expect(procedure("v3/procedure-processing").finishedAt).toBeNull();
    expect(procedure("legacy/procedure-state-changed").finishedAt).toBeNull();
  });

  it("names a subtask after its member when Type is absent", () => {
    const event = procedure("v3/procedure-finish-success", (event) => delete event.MediaProcessResultSet[1].Type);
    expect(event.results[1]).toMatchObject({ type: "CoverBySnapshot" });
  });

  it("reads the 2017 task-flow id from vodTaskId, else from procedureTaskId", () => {
    expect(procedure("legacy/procedure-state-changed").procedureTaskId).toBe(
      "1256768367-procedure-fa2fdf6a0f850d673be119cf51a7603a",
    );
    const event = procedure("legacy/procedure-state-changed", (data) => {
      delete data.vodTaskId;
      data.procedureTaskId = "1256768367-procedure-0000";
    });
    expect(event.procedureTaskId).toBe("1256768367-procedure-0000");
  });

  it("keeps an unexpected Status verbatim without calling it failed", () => {
    const event = procedure("v3/procedure-finish-failed", (event) => (event.Status = "ABORTED"));
    expect(event).toMatchObject({ procedureStatus: "ABORTED", failed: false });
  });
});
