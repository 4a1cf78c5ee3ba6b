// The emulator's events checked field by field against vod-reference.md: v3 (§1.2-1.8, SDK 4.1.287 models) and the
// legacy 2017 "version 4.0" format (§2.2-2.4) that PUSH sends when eventFormat is "legacy".
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const credentials = { secretId: "AKIDshapeTest000000000000000000000", secretKey: "shapeTestSecretKey00000000000000" };
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const keysOf = (value: object) => Object.keys(value).sort();

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
    expect(transcode.TranscodeTask.Output).toMatchObject({ Url: expect.any(String), Definition: 100020 });
    expect(transcode.TranscodeTask.FinishTime).toMatch(ISO_SECONDS);
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
      processTaskList: [{ taskType: "Transcode", status: "SUCCESS", errCode: 0 }],
    });
  });

  it("write a failed procedure as a FAIL Transcode with errCode 30009", async () => {
    emulator.configure({ procedureOutcome: "failure" });
    const { procedure } = await threeEvents();
    expect(procedure.data.processTaskList).toEqual([
      expect.objectContaining({ taskType: "Transcode", status: "FAIL", errCode: 30009 }),
    ]);
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
