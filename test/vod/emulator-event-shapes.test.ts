// The emulator's events checked field by field against vod-reference.md: v3 (§1.2-1.8, SDK 4.1.287 models) and the
// legacy 2017 "version 4.0" format (§2.2-2.4) that PUSH sends when eventFormat is "legacy".
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { sdkModelFields } from "../support/sdk-model-fields.js";

const credentials = { secretId: "AKIDshapeTest000000000000000000000", secretKey: "shapeTestSecretKey00000000000000" };
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const keysOf = (value: object) => Object.keys(value).sort();
/** Names `value` has that the SDK model lacks: an emulated payload must use the SDK's field names only. */
const notInModel = (value: object, model: string) =>
  Object.keys(value).filter((key) => !sdkModelFields(model).includes(key));

let emulator: EmulatorHandle;
let client: VodClient;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 30 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  receiver = await startCallbackReceiver();
  await client.ModifyEventConfig({
    NotificationUrl: receiver.url,
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
  });
});
afterEach(() => receiver.close());

/** Upload with a procedure, wait for its end, delete it: the three event types, in order. */
async function threeEvents() {
  const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
    mediaName: "lesson-01-intro",
    procedure: "LongVideoPreset",
    sourceContext: '{"uploadId":"u-42"}',
    sessionContext: "session-7",
    bytes: Buffer.alloc(4096, 7),
  });
  await waitUntil(() => receiver.received.length >= 2);
  await client.DeleteMedia({ FileId: fileId });
  await waitUntil(() => receiver.received.length >= 3);
  const [upload, procedure, deleted] = receiver.received.map((callback) => callback.body);
  return { fileId, upload, procedure, deleted };
}

describe("v3 events", () => {
  it("write NewFileUpload with the fields of FileUploadTask, MediaBasicInfo, SourceInfo and MetaData", async () => {
    const { fileId, upload } = await threeEvents();
    expect(keysOf(upload)).toEqual(["EventType", "FileUploadEvent"]);
    const event = upload.FileUploadEvent;
    expect(keysOf(event)).toEqual([
      "FileId",
      "MediaBasicInfo",
      "MetaData",
      "ProcedureTaskId",
      "ReviewAudioVideoTaskId",
    ]);
    expect(event.FileId).toBe(fileId);
    expect(event.ProcedureTaskId).toMatch(new RegExp(`^${emulator.appId}-Procedure-[0-9a-z]+$`));
    expect(event.ReviewAudioVideoTaskId).toBe("");
    const info = event.MediaBasicInfo;
    expect(keysOf(info)).toEqual(
      [
        "Name",
        "Description",
        "CreateTime",
        "UpdateTime",
        "ExpireTime",
        "ClassId",
        "ClassName",
        "ClassPath",
        "CoverUrl",
        "Type",
        "MediaUrl",
        "SourceInfo",
        "StorageRegion",
        "StoragePath",
        "TagSet",
        "Vid",
        "Category",
        "Status",
        "StorageClass",
      ].sort(),
    );
    expect(info).toMatchObject({
      Name: "lesson-01-intro",
      ExpireTime: "9999-12-31T23:59:59Z",
      ClassId: 0,
      CoverUrl: "",
      Type: "mp4",
      SourceInfo: { SourceType: "Upload", SourceContext: '{"uploadId":"u-42"}' },
      StorageRegion: "ap-guangzhou",
      TagSet: [],
      Category: "Video",
      Status: "Normal",
      StorageClass: "STANDARD",
    });
    expect(info.CreateTime).toMatch(ISO_SECONDS);
    expect(info.MediaUrl).toContain(`/${fileId}/`);
    expect(keysOf(event.MetaData)).toEqual(
      [
        "Size",
        "Container",
        "Bitrate",
        "Height",
        "Width",
        "Duration",
        "Rotate",
        "VideoStreamSet",
        "AudioStreamSet",
        "VideoDuration",
        "AudioDuration",
        "Md5",
      ].sort(),
    );
    expect(event.MetaData.Size).toBe(4096);
  });

  it("write ProcedureStateChanged with the fields of ProcedureTask and a Transcode subtask", async () => {
    const { fileId, upload, procedure } = await threeEvents();
    expect(keysOf(procedure)).toEqual(["EventType", "ProcedureStateChangeEvent"]);
    const task = procedure.ProcedureStateChangeEvent;
    expect(keysOf(task)).toEqual(
      [
        "TaskId",
        "Status",
        "ErrCode",
        "Message",
        "FileId",
        "FileName",
        "FileUrl",
        "MetaData",
        "MediaProcessResultSet",
        "AiContentReviewResultSet",
        "AiAnalysisResultSet",
        "AiRecognitionResultSet",
        "TasksPriority",
        "TasksNotifyMode",
        "SessionContext",
        "SessionId",
        "Operator",
        "OperationType",
      ].sort(),
    );
    expect(task).toMatchObject({
      TaskId: upload.FileUploadEvent.ProcedureTaskId,
      Status: "FINISH",
      ErrCode: 0,
      FileId: fileId,
      FileName: "lesson-01-intro",
      FileUrl: upload.FileUploadEvent.MediaBasicInfo.MediaUrl,
      TasksNotifyMode: "Finish",
      SessionContext: "session-7",
    });
    const transcode = task.MediaProcessResultSet[0];
    expect(keysOf(transcode)).toEqual(["TranscodeTask", "Type"]);
    expect(keysOf(transcode.TranscodeTask)).toEqual(
      [
        "Status",
        "ErrCodeExt",
        "ErrCode",
        "Message",
        "Input",
        "Output",
        "Progress",
        "BeginProcessTime",
        "FinishTime",
      ].sort(),
    );
    expect(transcode.TranscodeTask.Output).toMatchObject({ Url: expect.any(String), Definition: 100010 });
    expect(transcode.TranscodeTask.FinishTime).toMatch(ISO_SECONDS);
  });

  it("write a successful task flow's results with the fields of the SDK's result and output models", async () => {
    const { procedure } = await threeEvents();
    const task = procedure.ProcedureStateChangeEvent;
    expect(notInModel(task, "ProcedureTask")).toEqual([]);
    const results: any[] = task.MediaProcessResultSet;
    expect(results.map((result) => result.Type)).toEqual([
      "Transcode",
      "Transcode",
      "Transcode",
      "AdaptiveDynamicStreaming",
      "SnapshotByTimeOffset",
      "SampleSnapshot",
      "ImageSprites",
      "CoverBySnapshot",
    ]);
    const models: Record<string, [string, string, string]> = {
      Transcode: ["TranscodeTask", "MediaProcessTaskTranscodeResult", "MediaTranscodeItem"],
      AdaptiveDynamicStreaming: [
        "AdaptiveDynamicStreamingTask",
        "MediaProcessTaskAdaptiveDynamicStreamingResult",
        "AdaptiveDynamicStreamingInfoItem",
      ],
      SnapshotByTimeOffset: [
        "SnapshotByTimeOffsetTask",
        "MediaProcessTaskSnapshotByTimeOffsetResult",
        "MediaSnapshotByTimeOffsetItem",
      ],
      SampleSnapshot: ["SampleSnapshotTask", "MediaProcessTaskSampleSnapshotResult", "MediaSampleSnapshotItem"],
      ImageSprites: ["ImageSpriteTask", "MediaProcessTaskImageSpriteResult", "MediaImageSpriteItem"],
      CoverBySnapshot: ["CoverBySnapshotTask", "MediaProcessTaskCoverBySnapshotResult", "CoverBySnapshotTaskOutput"],
    };
    for (const result of results) {
      const [member, resultModel, outputModel] = models[result.Type]!;
      expect(keysOf(result)).toEqual(["Type", member].sort());
      expect(notInModel(result, "MediaProcessTaskResult")).toEqual([]);
      expect(notInModel(result[member], resultModel)).toEqual([]);
      expect(notInModel(result[member].Output, outputModel)).toEqual([]);
      expect(result[member]).toMatchObject({ Status: "SUCCESS", ErrCode: 0, ErrCodeExt: "", Progress: 100 });
      expect(result[member].FinishTime).toMatch(ISO_SECONDS);
    }
    const transcodes = results.filter((result) => result.Type === "Transcode").map((result) => result.TranscodeTask);
    expect(transcodes.map((transcode) => transcode.Output.Definition)).toEqual([100010, 100020, 100030]);
    for (const { Input, Output } of transcodes) {
      expect(Input.Definition).toBe(Output.Definition);
      expect(Output.Url).toMatch(new RegExp(`/v\\.f${Output.Definition}\\.mp4$`));
      expect(Output).toMatchObject({
        Container: "mov,mp4,m4a,3gp,3g2,mj2",
        Width: expect.any(Number),
        Height: expect.any(Number),
        Bitrate: expect.any(Number),
        Size: expect.any(Number),
        Duration: expect.any(Number),
        Md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(Output.Width * Output.Height * Output.Bitrate * Output.Size * Output.Duration).toBeGreaterThan(0);
    }
    const byType = (type: string, member: string) => results.find((result) => result.Type === type)[member].Output;
    expect(byType("AdaptiveDynamicStreaming", "AdaptiveDynamicStreamingTask")).toMatchObject({
      Definition: 10,
      Package: "HLS",
      DrmType: "",
      Url: expect.stringMatching(/\/adp\.10\.m3u8$/),
    });
    expect(byType("CoverBySnapshot", "CoverBySnapshotTask").CoverUrl).toMatch(/\/coverBySnapshot_10_0\.jpg$/);
    const snapshots = byType("SnapshotByTimeOffset", "SnapshotByTimeOffsetTask");
    expect(snapshots.PicInfoSet.length).toBeGreaterThan(0);
    for (const pic of snapshots.PicInfoSet) {
      expect(notInModel(pic, "MediaSnapshotByTimePicInfoItem")).toEqual([]);
      expect(pic).toEqual({
        TimeOffset: expect.any(Number),
        Url: expect.stringMatching(/\.jpg$/),
        WaterMarkDefinition: [],
      });
    }
    expect(byType("SampleSnapshot", "SampleSnapshotTask").ImageUrlSet).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.jpg$/)]),
    );
    expect(byType("ImageSprites", "ImageSpriteTask")).toMatchObject({
      ImageUrlSet: [expect.stringMatching(/\.jpg$/)],
      WebVttUrl: expect.stringMatching(/\.vtt$/),
    });
  });

  it("write no outputs for a failed task flow, only the failed Transcode subtask", async () => {
    emulator.configure({ procedureOutcome: "failure" });
    const { procedure } = await threeEvents();
    expect(procedure.ProcedureStateChangeEvent.MediaProcessResultSet).toEqual([
      {
        Type: "Transcode",
        TranscodeTask: expect.objectContaining({ Status: "FAIL", ErrCodeExt: "SourceFileError", Output: null }),
      },
    ]);
  });

  it("write FileDeleted with FileIdSet and FileDeleteResultInfo", async () => {
    const { fileId, deleted } = await threeEvents();
    expect(deleted).toEqual({
      EventType: "FileDeleted",
      FileDeleteEvent: { FileIdSet: [fileId], FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: [] }] },
    });
  });

  it("list the deleted parts of a partial delete", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await client.DeleteMedia({ FileId: fileId, DeleteParts: [{ Type: "TranscodeFiles" }] });
    const callbacks = await waitUntil(() => receiver.received.length >= 2 && receiver.received);
    expect(callbacks[1]!.body.FileDeleteEvent.FileDeleteResultInfo).toEqual([
      { FileId: fileId, DeleteParts: [{ Type: "TranscodeFiles", Definition: 0 }] },
    ]);
  });
});

describe("legacy events (eventFormat legacy)", () => {
  beforeEach(() => {
    emulator.configure({ eventFormat: "legacy" });
  });

  it("write NewFileUpload as version 4.0 with camelCase data and sourceType ServerUpload", async () => {
    const { fileId, upload } = await threeEvents();
    expect(keysOf(upload)).toEqual(["data", "eventType", "version"]);
    expect(upload.version).toBe("4.0");
    expect(upload.eventType).toBe("NewFileUpload");
    expect(keysOf(upload.data)).toEqual(
      [
        "status",
        "message",
        "fileId",
        "fileName",
        "coverUrl",
        "fileUrl",
        "author",
        "sourceType",
        "sourceContext",
        "streamId",
        "procedureTaskId",
        "transcodeTaskId",
      ].sort(),
    );
    expect(upload.data).toMatchObject({
      status: 0,
      fileId,
      fileName: "lesson-01-intro",
      sourceType: "ServerUpload",
      sourceContext: '{"uploadId":"u-42"}',
    });
  });

  it("write ProcedureStateChanged with vodTaskId, a string status and processTaskList", async () => {
    const { fileId, upload, procedure } = await threeEvents();
    expect(procedure).toMatchObject({ version: "4.0", eventType: "ProcedureStateChanged" });
    expect(procedure.data).toMatchObject({
      vodTaskId: upload.data.procedureTaskId,
      status: "FINISH",
      errCode: 0,
      fileId,
      metaData: { size: 4096 },
    });
    expect(procedure.data.processTaskList[0]).toMatchObject({ taskType: "Transcode", status: "SUCCESS", errCode: 0 });
  });

  it("write the task flow's outputs in processTaskList with the archived 2017 page's field names", async () => {
    const { procedure } = await threeEvents();
    const tasks: any[] = procedure.data.processTaskList;
    expect(tasks.map((task) => task.taskType)).toEqual([
      "Transcode",
      "Transcode",
      "Transcode",
      "Transcode",
      "SampleSnapshot",
      "CoverBySnapshot",
      "SnapshotByTimeOffset",
    ]);
    for (const task of tasks) {
      expect(keysOf(task)).toEqual(["errCode", "input", "message", "output", "status", "taskType"]);
      expect(task).toMatchObject({ status: "SUCCESS", errCode: 0, message: "" });
    }
    const transcodes = tasks.filter((task) => task.taskType === "Transcode");
    expect(transcodes.map((task) => task.input.definition)).toEqual([10, 20, 30, 220]);
    for (const { output } of transcodes) {
      expect(keysOf(output)).toEqual(
        [
          "url",
          "size",
          "container",
          "md5",
          "bitrate",
          "height",
          "width",
          "duration",
          "videoStreamList",
          "audioStreamList",
        ].sort(),
      );
    }
    expect(transcodes.map((task) => task.output.url.split("/").pop())).toEqual([
      "f0.f10.mp4",
      "f0.f20.mp4",
      "f0.f30.mp4",
      "f0.f220.av.m3u8",
    ]);
    const outputOf = (type: string) => tasks.find((task) => task.taskType === type).output;
    expect(outputOf("CoverBySnapshot")).toEqual({ imageUrl: expect.stringMatching(/\/coverBySnapshot_10_0\.jpg$/) });
    expect(outputOf("SampleSnapshot")).toEqual({
      imageUrls: expect.arrayContaining([expect.stringMatching(/\.jpg$/)]),
    });
    expect(outputOf("SnapshotByTimeOffset").imgInfo).toEqual(
      expect.arrayContaining([{ timeOffset: expect.any(Number), url: expect.stringMatching(/\.jpg$/) }]),
    );
  });

  it("write a failed procedure as a FAIL Transcode with errCode 30009", async () => {
    emulator.configure({ procedureOutcome: "failure" });
    const { procedure } = await threeEvents();
    expect(procedure.data.processTaskList).toEqual([
      expect.objectContaining({ taskType: "Transcode", status: "FAIL", errCode: 30009 }),
    ]);
    expect(procedure.data.processTaskList[0]).not.toHaveProperty("output");
  });

  it("write FileDeleted with fileInfo only", async () => {
    const { fileId, deleted } = await threeEvents();
    expect(deleted).toEqual({
      version: "4.0",
      eventType: "FileDeleted",
      data: { status: 0, message: "", fileInfo: [{ fileId }] },
    });
  });

  it("never carry Sign/T, even with a SignKey", async () => {
    await client.ModifyEventConfig({ SignKey: "abcd1234ABCD" });
    const { upload } = await threeEvents();
    expect(upload).not.toHaveProperty("Sign");
    expect(upload).not.toHaveProperty("T");
  });
});
