import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = Record<string, any>;

function normalised(body: unknown): VodEvent {
  const result = normaliseEvent(body);
  if (!result.ok) throw new Error(`expected a valid event, got ${JSON.stringify(result.issues)}`);
  return result.event;
}

const FILE_ID = "5285890784273533167";

describe("normaliseEvent", () => {
  it.each<[string, Partial<Record<string, unknown>>]>([
    ["v3/new-file-upload", { kind: "upload", format: "v3", eventType: "NewFileUpload", fileId: FILE_ID }],
    ["v3/procedure-finish-success", { kind: "procedure", format: "v3", procedureStatus: "FINISH", failed: false }],
    ["v3/procedure-finish-failed", { kind: "procedure", fileId: "5285890784273599001", failed: true, errCode: 0 }],
    ["v3/procedure-processing", { kind: "procedure", procedureStatus: "PROCESSING", failed: false, finishedAt: null }],
    ["v3/file-deleted", { kind: "delete", format: "v3", fileIds: [FILE_ID], whole: { [FILE_ID]: true } }],
    ["v3/file-deleted-partial", { kind: "delete", fileIds: [FILE_ID], whole: { [FILE_ID]: false } }],
    [
      "v3/pull-complete",
      {
        kind: "upload",
        format: "v3",
        eventType: "PullComplete",
        fileId: "5285890784273600042",
        pullTaskId: "1256768367-Pull-3f2b8a1c9d0e4f5a6b7c8d9e0f1a2b3ct1",
        sourceContext: "pull-77",
      },
    ],
    ["legacy/new-file-upload", { kind: "upload", format: "legacy", fileId: FILE_ID, sourceType: "ServerUpload" }],
    ["legacy/new-file-upload-record", { kind: "upload", format: "legacy", sourceType: "Record", name: "Animal World" }],
    [
      "legacy/procedure-state-changed",
      { kind: "procedure", format: "legacy", procedureStatus: "FINISH", failed: false },
    ],
    ["legacy/procedure-finish-failed", { kind: "procedure", format: "legacy", failed: true }],
    ["legacy/file-deleted", { kind: "delete", format: "legacy", fileIds: ["24961954183381008"] }],
    [
      "legacy/pull-complete",
      {
        kind: "upload",
        format: "legacy",
        eventType: "PullComplete",
        fileId: "5285890784273600042",
        pullTaskId: "Pull-f5ac8127b3b6b85cdc13f237c6005d8",
      },
    ],
    [
      "legacy/pull-complete-current-fields",
      {
        kind: "upload",
        format: "legacy",
        fileId: "14508071098244959037",
        pullTaskId: "Pull-f5ac8127b3b6b85cdc13f237c6005d8",
        name: "Animal World",
        storageRegion: "ap-guangzhou-2",
        occurredAt: new Date("2019-01-09T16:36:22Z"),
      },
    ],
    // Fixtures of issue 14 (test/fixtures/SOURCES.md): outputs and tasks are tested in events-outputs.test.ts, the
    // files Edit/Compose name in events-linked-files.test.ts (the compose output there, read from the body's text).
    [
      "v3/procedure-finish-outputs",
      {
        kind: "procedure",
        fileId: "3701925920477195402",
        procedureStatus: "FINISH",
        failed: false,
        finishedAt: null,
        media: { sessionContext: '{"orderId":1001}', sessionId: "order-1001-procedure" },
        outputs: expect.arrayContaining([expect.objectContaining({ kind: "adaptive" })]),
      },
    ],
    [
      "v3/edit-media-complete",
      { kind: "upload", eventType: "EditMediaComplete", fileId: "24961954183923290", derivedFrom: expect.any(Array) },
    ],
    // Parsed without its text here, the output FileId (a bare 19-digit number) cannot be named.
    ["v3/compose-media-complete", { kind: "other", eventType: "ComposeMediaComplete", fileId: null }],
    ["v3/wechat-publish-complete", { kind: "other", eventType: "WechatPublishComplete", fileId: "24961954183381008" }],
    [
      "legacy/procedure-state-changed-outputs",
      { kind: "procedure", format: "legacy", fileId: "123123123", procedureStatus: "PROCESSING", failed: false },
    ],
    [
      "legacy/transcode-complete",
      { kind: "procedure", eventType: "TranscodeComplete", fileId: "14508071098244931831", failed: false },
    ],
    [
      "legacy/transcode-complete-failed",
      { kind: "procedure", eventType: "TranscodeComplete", procedureStatus: "FINISH", failed: true, errCode: -43001 },
    ],
    [
      "legacy/new-file-upload-meta",
      {
        kind: "upload",
        format: "legacy",
        fileId: "24961954183381008",
        mediaUrl: "http://251000333.vod2.myqcloud.com/6c0f1c00vodgzp251000333/cbdadd3d24961954183381008/f0.mp4",
        metadata: {
          duration: 21,
          size: 38394819,
          width: 1280,
          height: 720,
          bitrate: 13976872,
          transcodeTaskId: "transcode-f74e2ab2cc31761f1783b32bdfc4095b",
          imageSpriteTaskId: "CreateImageSprite-f74e2ab2cc31761f1783b32bdfc4095b",
        },
      },
    ],
  ])("normalises the fixture %s", (name, expected) => {
    expect(normalised(loadFixture(name))).toMatchObject(expected);
  });

  it("maps a v3 NewFileUpload to every upload field, with the media description in metadata", () => {
    expect(normalised(loadFixture("v3/new-file-upload"))).toEqual({
      kind: "upload",
      eventType: "NewFileUpload",
      format: "v3",
      fileId: FILE_ID,
      procedureTaskId: "1256768367-Procedure-475b7228d4f8f50d1cb177t1",
      occurredAt: new Date("2024-06-10T08:12:40Z"),
      mediaUrl: expect.stringMatching(/\/q1BORBPQH1IA\.mp4$/),
      coverUrl: null,
      name: "lesson-01-intro",
      mediaType: "mp4",
      sourceType: "Upload",
      sourceContext: "order-1001",
      storageRegion: "ap-chongqing",
      subAppId: null,
      sessionContext: null,
      sessionId: null,
      metadata: {
        size: 7700180,
        container: "mov,mp4,m4a,3gp,3g2,mj2",
        bitrate: 1021028,
        height: 480,
        width: 640,
        duration: 60,
        rotate: 0,
        videoStreamSet: [{ bitrate: 637174, height: 480, width: 640, codec: "h264", fps: 23 }],
        audioStreamSet: [{ bitrate: 383854, samplingRate: 48000, codec: "aac" }],
        videoDuration: 60,
        audioDuration: 59.990001678467,
        updateTime: "2024-06-10T08:12:41Z",
        expireTime: "9999-12-31T23:59:59Z",
        classId: 0,
        className: "其他",
        classPath: "其他",
        category: "Video",
        mediaStatus: "Normal",
        storageClass: "STANDARD",
      },
    });
  });

  it("maps a 2017-format NewFileUpload, keeping its sourceType as sent", () => {
    expect(normalised(loadFixture("legacy/new-file-upload-record"))).toEqual({
      kind: "upload",
      eventType: "NewFileUpload",
      format: "legacy",
      fileId: FILE_ID,
      procedureTaskId: "125676836723-mango-fa2fdf6a0f850d673be119cf51a7603a",
      occurredAt: null,
      mediaUrl: "http://125676836723.vod2.myqcloud.com/xxx/xxx/f0.flv",
      coverUrl: "http://125676836723.vod2.myqcloud.com/xxx/xxx/xxx.jpg",
      name: "Animal World",
      mediaType: null,
      sourceType: "Record",
      sourceContext: "rtmp://54xx.livepush.myqcloud.com/live?bizid=54xx&record=mp4&xx",
      storageRegion: null,
      subAppId: null,
      sessionContext: null,
      sessionId: null,
      metadata: {
        author: "CCTV recording",
        streamId: "54xx_45",
        transcodeTaskId: "transcode-0bee89b07a248e27c83fc3d5951213c1",
      },
    });
  });

  it("turns the empty strings VOD sends for 'none' into null", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    body.FileUploadEvent.ProcedureTaskId = "";
    body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = "";
    body.FileUploadEvent.MediaBasicInfo.MediaUrl = "";
    expect(normalised(body)).toMatchObject({
      procedureTaskId: null,
      sourceContext: null,
      mediaUrl: null,
      coverUrl: null,
    });
    const legacy = loadFixture("legacy/new-file-upload") as Json;
    expect(normalised(legacy)).toMatchObject({ coverUrl: null, metadata: {} });
  });

  it("keeps SourceContext exactly as sent, surrounding spaces, JSON and unicode included", () => {
    const sourceContext = '  {"order":"1001","note":"café ☕"}\n';
    const body = loadFixture("v3/new-file-upload") as Json;
    body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext;
    expect(normalised(body)).toMatchObject({ sourceContext });
  });

  it("accepts unknown fields at every level", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    body.BrandNewTopLevel = { any: ["thing"] };
    body.FileUploadEvent.NewMember = 1;
    body.FileUploadEvent.MediaBasicInfo.SourceInfo.TrtcRecordInfo = { RoomId: "r1" };
    body.FileUploadEvent.MetaData.HdrInfo = "HDR10";
    expect(normalised(body)).toMatchObject({ kind: "upload", fileId: FILE_ID, metadata: { hdrInfo: "HDR10" } });
  });

  it("accepts numbers sent as numeric strings and stores them as numbers", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    Object.assign(body.FileUploadEvent.MetaData, { Size: "7700180", Duration: "60.5", Width: "" });
    body.FileUploadEvent.MediaBasicInfo.ClassId = "3";
    expect(normalised(body)).toMatchObject({ metadata: { size: 7700180, duration: 60.5, classId: 3 } });
    expect(normalised(body)).not.toHaveProperty("metadata.width");
  });

  it.each<[string, unknown]>([
    ["the string 4.0", "4.0"],
    ["the number 4", 4],
    ["an unexpected value", "3.0"],
    ["absent", undefined],
  ])("accepts a 2017-format body whose version is %s", (_, version) => {
    const body = loadFixture("legacy/new-file-upload");
    body["version"] = version;
    expect(normalised(body)).toMatchObject({ kind: "upload", format: "legacy", fileId: FILE_ID });
  });

  it("accepts a FileId sent as a safe JSON integer and keeps it as a decimal string", () => {
    const body = loadFixture("legacy/new-file-upload") as Json;
    body.data.fileId = 9007199254740991;
    expect(normalised(body)).toMatchObject({ fileId: "9007199254740991" });
  });

  it("takes subAppId from the top level or the event object, as a decimal string", () => {
    const v3 = loadFixture("v3/new-file-upload") as Json;
    v3.SubAppId = 1500012345;
    expect(normalised(v3)).toMatchObject({ subAppId: "1500012345" });
    const procedure = loadFixture("v3/procedure-finish-success") as Json;
    procedure.ProcedureStateChangeEvent.SubAppId = "1500012346";
    expect(normalised(procedure)).toMatchObject({ media: { subAppId: "1500012346" } });
    const legacy = loadFixture("legacy/new-file-upload") as Json;
    legacy.data.subAppId = 1500012347;
    expect(normalised(legacy)).toMatchObject({ subAppId: "1500012347" });
  });

  it("prefers EventType when a body carries both EventType and eventType", () => {
    const body = { ...loadFixture("v3/file-deleted"), eventType: "NewFileUpload" };
    expect(normalised(body)).toMatchObject({ kind: "delete", format: "v3" });
  });

  it("reads the 2017 meta-info NewFileUpload's flat fields and porncheckTaskId (its page's table) into metadata", () => {
    const body = loadFixture("legacy/new-file-upload-meta") as Json;
    Object.assign(body.data, { porncheckTaskId: "Porncheck-1", width: "1920", height: { odd: true } });
    expect(normalised(body)).toMatchObject({
      metadata: { size: 38394819, width: 1920, porncheckTaskId: "Porncheck-1" },
    });
    expect(normalised(body)).not.toHaveProperty("metadata.height");
    body.data.metaData = { size: 5, duration: 20 };
    expect(normalised(body)).toMatchObject({ metadata: { size: 5, duration: 20, bitrate: 13976872 } });
  });

  it("reads SessionContext and SessionId of a v3 NewFileUpload where VOD sends them, and ignores odd ones", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    expect(normalised(body)).toMatchObject({ sessionContext: null, sessionId: null });
    Object.assign(body.FileUploadEvent, { SessionContext: '{"orderId":1001}', SessionId: 42 });
    expect(normalised(body)).toMatchObject({ sessionContext: '{"orderId":1001}', sessionId: null });
  });
});
