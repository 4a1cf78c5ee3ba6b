// What a task flow produced, read from real callbacks of both formats (origins: test/fixtures/SOURCES.md):
// v3/procedure-finish-outputs is a callback VOD sent (null sibling members, "0000-00-00T00:00:00Z" times, the
// ImageSprites type in an ImageSpriteTask member) completed from Tencent's ProcedureStateChanged page and its
// screenshot guide; legacy/procedure-state-changed-outputs and legacy/transcode-complete(-failed) are the archived
// 2017 pages' examples, verbatim.
import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { ProcedureEvent } from "../../src/events/vod-event.js";
import type { VodOutput } from "../../src/events/vod-output.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function procedure(name: string, patch: (event: Json) => void = () => undefined): ProcedureEvent {
  const body = loadFixture(name) as Json;
  patch(body.ProcedureStateChangeEvent ?? body.data);
  const result = normaliseEvent(body);
  if (!result.ok || result.event.kind !== "procedure") throw new Error(`not a procedure: ${JSON.stringify(result)}`);
  return result.event;
}

const ofKind = (event: ProcedureEvent, kind: VodOutput["kind"]) =>
  (event.outputs ?? []).filter((output) => output.kind === kind);

const V3_TASK = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";
const V3_BASE = "http://1305819496.vod2.myqcloud.com/ee2c0b58vodtranscq1305819496/f0e32f023701925920477195402";

describe("outputs of a v3 ProcedureStateChanged", () => {
  const event = procedure("v3/procedure-finish-outputs");

  it("reads one output per successful subtask, each naming its task flow and subtask", () => {
    expect((event.outputs ?? []).map((output) => [output.kind, output.subtask, output.taskId])).toEqual([
      ["transcode", "Transcode", V3_TASK],
      ["adaptive", "AdaptiveDynamicStreaming", V3_TASK],
      ["snapshot", "SnapshotByTimeOffset", V3_TASK],
      ["sampleSnapshot", "SampleSnapshot", V3_TASK],
      ["sprite", "ImageSprites", V3_TASK],
      ["cover", "CoverBySnapshot", V3_TASK],
    ]);
  });

  it("reads a transcode's file, taking the input's definition where the output says 0", () => {
    expect(ofKind(event, "transcode")).toEqual([
      {
        kind: "transcode",
        definition: 20,
        url: `${V3_BASE}/v.f20.mp4`,
        container: "mov,mp4,m4a,3gp,3g2,mj2",
        width: 640,
        height: 480,
        bitrate: 552218,
        size: 4189073,
        duration: 60.04700088501,
        md5: "eff7031ad7877865f9a3240e9ab165ad",
        drmType: null,
        details: {},
        taskId: V3_TASK,
        subtask: "Transcode",
        finishedAt: null,
      },
    ]);
  });

  it("reads an adaptive stream's package upper-cased, and an empty DrmType as none", () => {
    expect(ofKind(event, "adaptive")).toEqual([
      expect.objectContaining({
        definition: 10,
        url: `${V3_BASE}/adp.10.m3u8`,
        drmType: null,
        details: { package: "HLS" },
      }),
    ]);
    const dash = procedure("v3/procedure-finish-outputs", (e) => {
      const output = e.MediaProcessResultSet[1].AdaptiveDynamicStreamingTask.Output;
      Object.assign(output, { Package: "dash", DrmType: "SimpleAES", Size: 1024 });
    });
    expect(ofKind(dash, "adaptive")[0]).toMatchObject({
      drmType: "SimpleAES",
      size: 1024,
      details: { package: "DASH" },
    });
  });

  it("reads the cover, the time-offset snapshots (milliseconds as sent), sample snapshots and the sprite", () => {
    expect(ofKind(event, "cover")).toEqual([
      expect.objectContaining({ definition: 10, url: `${V3_BASE}/coverBySnapshot/coverBySnapshot_10_0.jpg` }),
    ]);
    expect(ofKind(event, "snapshot")[0]).toMatchObject({
      definition: 10,
      url: `${V3_BASE}/xxx1.jpg`,
      details: {
        picInfoSet: [
          { timeOffset: 3, url: `${V3_BASE}/xxx1.jpg` },
          { timeOffset: 6, url: `${V3_BASE}/xxx2.jpg` },
          { timeOffset: 9, url: `${V3_BASE}/xxx3.jpg` },
        ],
      },
    });
    expect(ofKind(event, "sampleSnapshot")[0]).toMatchObject({
      definition: 10,
      details: { sampleType: "Percent", interval: 10, imageUrlSet: [1, 2, 3].map((n) => `${V3_BASE}/xxx${n}.jpg`) },
    });
    expect(ofKind(event, "sprite")[0]).toMatchObject({
      definition: 10,
      width: 142,
      height: 80,
      details: {
        imageUrlSet: [`${V3_BASE}/imageSprite/imageSprite_10_0.jpg`],
        webVttUrl: `${V3_BASE}/imageSprite/imageSprite_10.vtt`,
        totalCount: 10,
      },
    });
  });

  it("reads an animated graphic, its duration from its time offsets (SDK MediaAnimatedGraphicsItem)", () => {
    const gif = procedure("v3/procedure-finish-outputs", (e) =>
      e.MediaProcessResultSet.push({
        Type: "AnimatedGraphics",
        AnimatedGraphicTask: {
          Status: "SUCCESS",
          ErrCode: 0,
          Input: { Definition: 20000, StartTimeOffset: 1, EndTimeOffset: 3 },
          Output: {
            Url: `${V3_BASE}/animatedGraphic/a.gif`,
            Definition: 20000,
            Container: "gif",
            Height: 240,
            Width: 320,
            Bitrate: 1000,
            Size: 2048,
            Md5: "m",
            StartTimeOffset: 1,
            EndTimeOffset: 3,
          },
          FinishTime: "2024-06-10T08:13:31Z",
        },
      }),
    );
    expect(ofKind(gif, "animatedGraphic")).toEqual([
      expect.objectContaining({
        definition: 20000,
        container: "gif",
        width: 320,
        height: 240,
        size: 2048,
        duration: 2,
        subtask: "AnimatedGraphics",
        finishedAt: new Date("2024-06-10T08:13:31Z"),
        details: { startTimeOffset: 1, endTimeOffset: 3 },
      }),
    ]);
  });

  it("reads no output from a failed, running or output-less subtask", () => {
    expect(procedure("v3/procedure-finish-failed").outputs).toEqual([]);
    expect(procedure("v3/procedure-processing").outputs).toEqual([]);
    const failing = procedure("v3/procedure-finish-outputs", (e) => {
      e.MediaProcessResultSet[0].TranscodeTask.Status = "FAIL";
      e.MediaProcessResultSet[1].AdaptiveDynamicStreamingTask.ErrCodeExt = "InternalError";
      e.MediaProcessResultSet[2].SnapshotByTimeOffsetTask.Output = null;
    });
    expect((failing.outputs ?? []).map((output) => output.kind)).toEqual(["sampleSnapshot", "sprite", "cover"]);
  });

  it("reports the flow as a task with its subtasks, unreadable times as null", () => {
    expect(event.task).toMatchObject({
      taskId: V3_TASK,
      kind: "Procedure",
      status: "FINISH",
      failed: false,
      errCode: 0,
      message: "SUCCESS",
      beganAt: null,
      finishedAt: null,
    });
    expect(event.task?.subtasks[4]).toEqual({
      type: "ImageSprites",
      status: "SUCCESS",
      errCode: 0,
      errCodeExt: null,
      message: "SUCCESS",
      beganAt: null,
      finishedAt: null,
    });
    const timed = procedure("v3/procedure-finish-success");
    expect(timed.task).toMatchObject({
      beganAt: new Date("2024-06-10T08:12:45Z"),
      finishedAt: new Date("2024-06-10T08:13:31Z"),
    });
    expect(procedure("v3/procedure-finish-failed").task).toMatchObject({
      failed: true,
      subtasks: [{ errCodeExt: "SourceFileError" }],
    });
  });

  it("keeps SessionContext and SessionId as media fields, and results as before", () => {
    expect(event.media).toMatchObject({ sessionContext: '{"orderId":1001}', sessionId: "order-1001-procedure" });
    expect(procedure("v3/procedure-finish-success").media).toMatchObject({ sessionId: null });
    expect(event.results).toHaveLength(6);
  });
});

describe("outputs of a 2017-format ProcedureStateChanged", () => {
  const event = procedure("legacy/procedure-state-changed-outputs");
  const TASK = "251000333-mango-c27bdf65ea06646171e714f25f5aac63";

  it("reads each SUCCESS subtask's output, its definition from its input; not the running transcode", () => {
    expect((event.outputs ?? []).map((output) => [output.kind, output.definition, output.taskId])).toEqual([
      ["transcode", 20, TASK],
      ["sampleSnapshot", 10, TASK],
      ["cover", 10, TASK],
      ["snapshot", 10, TASK],
    ]);
    expect(ofKind(event, "transcode")[0]).toMatchObject({
      url: "http://125xx.vod2.myqcloud.com/9fcd41e6vodgzp1251953760/7585975f9031868222912340/f20.mp4",
      size: 10556,
      container: "m4a",
      bitrate: 246035,
      width: 640,
      height: 480,
      duration: 3601,
      md5: "b3ae6ed07d9bf4efeeb94ed2d37ff3e3",
    });
    expect(ofKind(event, "cover")[0]?.url).toMatch(/shotup\/xx1\.png$/);
    expect(ofKind(event, "sampleSnapshot")[0]?.details["imageUrlSet"]).toHaveLength(10);
    expect(ofKind(event, "snapshot")[0]?.details["picInfoSet"]).toEqual([
      { timeOffset: 300, url: expect.stringMatching(/_300\.jpg$/) },
      { timeOffset: 400, url: expect.stringMatching(/_400\.jpg$/) },
    ]);
  });

  it("reads a cover given as an array (the page's table) and reports the flow as a PROCESSING task", () => {
    const arrayCover = procedure("legacy/procedure-state-changed-outputs", (data) => {
      data.processTaskList[3].output.imageUrl = ["http://example.com/cover.png"];
    });
    expect(ofKind(arrayCover, "cover")[0]?.url).toBe("http://example.com/cover.png");
    expect(event.task).toMatchObject({ taskId: TASK, kind: "Procedure", status: "PROCESSING", failed: false });
    expect(event.task?.subtasks.map((subtask) => subtask.status)).toEqual([
      "PROCESSING",
      "SUCCESS",
      "SUCCESS",
      "SUCCESS",
      "SUCCESS",
    ]);
  });

  it("reads nothing from a failed subtask's empty output", () => {
    expect(procedure("legacy/procedure-finish-failed").outputs).toEqual([]);
  });
});

describe("a 2017-format TranscodeComplete", () => {
  it("on success, is a finished Transcode task whose playSet gives one rendition per definition, and a cover", () => {
    const event = procedure("legacy/transcode-complete");
    expect(event).toMatchObject({
      kind: "procedure",
      fileId: "14508071098244931831",
      procedureTaskId: "Transcode-1edb7eb88a599d05abe451cfc541cfbd",
      procedureStatus: "FINISH",
      failed: false,
      errCode: 0,
      media: {
        name: "13425173277_2015-09-06-19-06-11_2015-09-06-19-16-11",
        coverUrl: "http://p.qpic.cn/videoyun/0/1203_8a5015084d4f47cd9a0bc5ecfe78aecb_1/640",
        metadata: { duration: 599 },
      },
      task: { taskId: "Transcode-1edb7eb88a599d05abe451cfc541cfbd", kind: "Transcode", status: "FINISH" },
    });
    expect(ofKind(event, "transcode").map((output) => output.definition)).toEqual([0, 10, 20, 220, 30, 40]);
    expect(ofKind(event, "transcode")[5]).toMatchObject({
      url: "http://vcloud1203.tc.qq.com/1203_8a5015084d4f47cd9a0bc5ecfe78aecb.f40.mp4",
      bitrate: 1746652,
      height: 1440,
      width: 1920,
    });
    expect(ofKind(event, "cover")).toEqual([expect.objectContaining({ definition: 0, url: event.media.coverUrl })]);
  });

  it("on failure (status -43001), is a failed task with that code and no outputs", () => {
    const event = procedure("legacy/transcode-complete-failed");
    expect(event).toMatchObject({ procedureStatus: "FINISH", failed: true, errCode: -43001, outputs: [] });
    expect(event.task).toMatchObject({ kind: "Transcode", failed: true, errCode: -43001 });
    expect(event.results).toEqual([
      { type: "Transcode", status: "FAIL", errCode: -43001, errCodeExt: null, message: null },
    ]);
  });

  it("is read the same from the current format's TranscodeCompleteEvent (SDK model TranscodeTask2017)", () => {
    const legacy = loadFixture("legacy/transcode-complete") as Json;
    const data = legacy.data;
    const body = {
      EventType: "TranscodeComplete",
      TranscodeCompleteEvent: {
        TaskId: data.vodTaskId,
        ErrCode: 0,
        Message: "",
        FileId: data.fileId,
        FileName: data.fileName,
        Duration: data.duration,
        CoverUrl: data.coverUrl,
        PlayInfoSet: data.playSet.map((play: Json) => ({
          Url: play.url,
          Definition: play.definition,
          Bitrate: play.vbitrate,
          Height: play.vheight,
          Width: play.vwidth,
        })),
      },
    };
    const result = normaliseEvent(body);
    expect(result.ok && result.event).toEqual({ ...procedure("legacy/transcode-complete"), format: "v3" });
  });
});
