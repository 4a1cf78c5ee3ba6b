// The unchanged VOD SDK against the emulator's API: one round trip per action, and the error envelope and codes
// the SDK surfaces (TencentCloudSDKHttpException.code).
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const credentials = { secretId: "AKIDapiTest0000000000000000000000", secretKey: "apiTestSecretKey0000000000000000" };
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 300, pullHoldMs: 50 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
  throw new Error("the call succeeded");
}

describe("ApplyUpload", () => {
  it("hands out a bucket, a storage path, a session key and a temporary certificate", async () => {
    const answer = await client.ApplyUpload({ MediaType: "mp4", StorageRegion: "ap-chongqing", CoverType: "jpg" });
    expect(answer.StorageBucket).toMatch(/^[a-z0-9]+-\d+$/);
    expect(answer.StorageRegion).toBe("ap-chongqing");
    expect(answer.MediaStoragePath).toMatch(/^\/.+\.mp4$/);
    expect(answer.CoverStoragePath).toMatch(/^\/.+\.jpg$/);
    expect(answer.VodSessionKey).toEqual(expect.any(String));
    expect(answer.TempCertificate).toEqual({
      SecretId: expect.any(String),
      SecretKey: expect.any(String),
      Token: expect.any(String),
      ExpiredTime: expect.any(Number),
    });
    expect(String(answer.TempCertificate!.ExpiredTime)).toHaveLength(10);
    expect(answer.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers null for CoverStoragePath when no CoverType is named", async () => {
    expect((await client.ApplyUpload({ MediaType: "mp4" })).CoverStoragePath).toBeNull();
  });

  it("refuses a missing MediaType with MissingParameter", async () => {
    expect(await codeOf(client.ApplyUpload({} as never))).toBe("MissingParameter");
  });

  it("refuses an unknown MediaType with InvalidParameterValue.MediaType", async () => {
    expect(await codeOf(client.ApplyUpload({ MediaType: "exe" }))).toBe("InvalidParameterValue.MediaType");
  });

  it("refuses a SourceContext longer than 250 characters", async () => {
    const call = client.ApplyUpload({ MediaType: "mp4", SourceContext: "x".repeat(251) });
    expect(await codeOf(call)).toBe("InvalidParameterValue");
  });

  it("refuses a parameter the action does not define with UnknownParameter", async () => {
    expect(await codeOf(client.ApplyUpload({ MediaType: "mp4", Sourcecontext: "typo" } as never))).toBe(
      "UnknownParameter",
    );
  });

  it("requires the Region common parameter", async () => {
    const noRegion = createVodClient({ ...credentials, region: "", endpoint: emulator.url });
    expect(await codeOf(noRegion.ApplyUpload({ MediaType: "mp4" }))).toBe("MissingParameter");
  });
});

describe("CommitUpload", () => {
  it("returns a decimal FileId beyond 2^53 and the media URL once the bytes are on COS", async () => {
    const { committed } = await uploadToEmulator(client, emulator.cosDomain);
    expect(committed.FileId).toMatch(/^\d{19}$/);
    expect(BigInt(committed.FileId!)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    const host = `${emulator.appId}.vod2.myqcloud.com`;
    expect(committed.MediaUrl!.startsWith(`http://${host}/`)).toBe(true);
    expect(committed.MediaUrl).toContain(`/${committed.FileId}/`);
    expect(committed.CoverUrl).toBe("");
  });

  it("refuses a VodSessionKey used twice with InvalidParameterValue.VodSessionKey", async () => {
    const { applied } = await uploadToEmulator(client, emulator.cosDomain);
    const again = client.CommitUpload({ VodSessionKey: applied.VodSessionKey! });
    expect(await codeOf(again)).toBe("InvalidParameterValue.VodSessionKey");
  });

  it("refuses an unknown VodSessionKey with InvalidParameterValue.VodSessionKey", async () => {
    const call = client.CommitUpload({ VodSessionKey: "not-a-session" });
    expect(await codeOf(call)).toBe("InvalidParameterValue.VodSessionKey");
  });

  it("refuses to commit before the media bytes reached COS with ResourceNotFound", async () => {
    const applied = await client.ApplyUpload({ MediaType: "mp4" });
    expect(await codeOf(client.CommitUpload({ VodSessionKey: applied.VodSessionKey! }))).toBe("ResourceNotFound");
  });
});

describe("DescribeMediaInfos", () => {
  it("describes committed media and lists unknown FileIds in NotExistFileIdSet", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
      mediaName: "lesson-01",
      sourceContext: "order-1001",
      bytes: Buffer.alloc(1234, 1),
    });
    const answer = await client.DescribeMediaInfos({ FileIds: [fileId, "5000000000000000001"] });
    expect(answer.NotExistFileIdSet).toEqual(["5000000000000000001"]);
    expect(answer.MediaInfoSet).toHaveLength(1);
    const [info] = answer.MediaInfoSet!;
    expect(info!.FileId).toBe(fileId);
    expect(info!.BasicInfo).toMatchObject({
      Name: "lesson-01",
      Type: "mp4",
      Category: "Video",
      Status: "Normal",
      StorageRegion: "ap-guangzhou",
      SourceInfo: { SourceType: "Upload", SourceContext: "order-1001" },
    });
    expect(info!.MetaData!.Size).toBe(1234);
  });

  it("keeps sub-applications apart", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { subAppId: 1500000001 });
    expect((await client.DescribeMediaInfos({ FileIds: [fileId] })).NotExistFileIdSet).toEqual([fileId]);
    const inSubApp = await client.DescribeMediaInfos({ FileIds: [fileId], SubAppId: 1500000001 });
    expect(inSubApp.MediaInfoSet).toHaveLength(1);
  });

  it("answers no processing results before the task flow finished", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
    expect(info).toMatchObject({
      TranscodeInfo: null,
      AdaptiveDynamicStreamingInfo: null,
      SnapshotByTimeOffsetInfo: null,
      SampleSnapshotInfo: null,
      ImageSpriteInfo: null,
    });
    expect(info!.BasicInfo!.CoverUrl).toBe("");
  });

  it("answers the outputs a finished task flow's event carried, and its cover as BasicInfo.CoverUrl", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
    await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
    const results = (await client.DescribeTaskDetail({ TaskId: taskId })).ProcedureTask!.MediaProcessResultSet!;
    const outputsOf = (type: string) =>
      results
        .filter((result) => result.Type === type)
        .map((result) => {
          const task = Object.values(result).find((value) => typeof value === "object") as {
            Output: { CoverUrl?: string };
          };
          return task.Output;
        });
    expect(info!.TranscodeInfo!.TranscodeSet).toEqual(outputsOf("Transcode"));
    expect(info!.TranscodeInfo!.TranscodeSet.map((item) => item.Definition)).toEqual([100010, 100020, 100030]);
    expect(info!.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet).toEqual(
      outputsOf("AdaptiveDynamicStreaming"),
    );
    expect(info!.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet[0]).toMatchObject({ Package: "HLS" });
    expect(info!.SnapshotByTimeOffsetInfo!.SnapshotByTimeOffsetSet).toEqual(outputsOf("SnapshotByTimeOffset"));
    expect(info!.SampleSnapshotInfo!.SampleSnapshotSet).toEqual(outputsOf("SampleSnapshot"));
    expect(info!.ImageSpriteInfo!.ImageSpriteSet).toEqual(outputsOf("ImageSprites"));
    expect(info!.BasicInfo!.CoverUrl).toBe(outputsOf("CoverBySnapshot")[0]!.CoverUrl);
  });

  it("answers only the infos its Filters name", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
    await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
    const filters = ["adaptiveDynamicStreamingInfo", "imageSpriteInfo"];
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId], Filters: filters })).MediaInfoSet!;
    expect(info).toMatchObject({
      BasicInfo: null,
      MetaData: null,
      TranscodeInfo: null,
      SnapshotByTimeOffsetInfo: null,
      SampleSnapshotInfo: null,
      AdaptiveDynamicStreamingInfo: { AdaptiveDynamicStreamingSet: [expect.objectContaining({ Package: "HLS" })] },
      ImageSpriteInfo: { ImageSpriteSet: [expect.objectContaining({ WebVttUrl: expect.any(String) })] },
    });
  });

  it("stops answering the transcodes a partial delete removed, one definition or all of them", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
    await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
    const definitions = async () =>
      (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet![0]!.TranscodeInfo?.TranscodeSet?.map(
        (item) => item.Definition,
      );
    await client.DeleteMedia({ FileId: fileId, DeleteParts: [{ Type: "TranscodeFiles", Definition: 100020 }] });
    expect(await definitions()).toEqual([100010, 100030]);
    await client.DeleteMedia({ FileId: fileId, DeleteParts: [{ Type: "TranscodeFiles" }] });
    expect(await definitions()).toBeUndefined();
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
    expect(info!.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet).toHaveLength(1);
  });

  it("stops answering the adaptive stream a partial delete of AdaptiveDynamicStreamingFiles removed, keeping the rest", async () => {
    // DeleteParts semantics: SDK MediaDeleteItem — Type AdaptiveDynamicStreamingFiles, Definition 0 or absent = all.
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const taskId = emulator.state.media.get(fileId)!.procedureTaskId;
    await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
    await client.DeleteMedia({
      FileId: fileId,
      DeleteParts: [{ Type: "AdaptiveDynamicStreamingFiles", Definition: 10 }],
    });
    const [info] = (await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
    expect(info!.AdaptiveDynamicStreamingInfo).toBeNull();
    expect(info!.TranscodeInfo!.TranscodeSet).toHaveLength(3);
    expect(info!.SnapshotByTimeOffsetInfo!.SnapshotByTimeOffsetSet).toHaveLength(1);
    expect(info!.SampleSnapshotInfo!.SampleSnapshotSet).toHaveLength(1);
    expect(info!.ImageSpriteInfo!.ImageSpriteSet).toHaveLength(1);
  });

  it("refuses more than 20 FileIds", async () => {
    const fileIds = Array.from({ length: 21 }, (_, index) => String(5000000000000000000n + BigInt(index)));
    expect(await codeOf(client.DescribeMediaInfos({ FileIds: fileIds }))).toBe("InvalidParameterValue");
  });
});

describe("DescribeTaskDetail", () => {
  it("follows a procedure from PROCESSING to FINISH with the fields of the event", async () => {
    const { committed } = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sessionContext: '{"orderId":1001}',
    });
    const taskId = emulator.state.media.get(committed.FileId!)!.procedureTaskId;
    const early = await client.DescribeTaskDetail({ TaskId: taskId });
    expect(early.TaskType).toBe("Procedure");
    expect(["WAITING", "PROCESSING"]).toContain(early.Status);

    await waitUntil(() => emulator.state.tasks.get(taskId)?.finished);
    const done = await client.DescribeTaskDetail({ TaskId: taskId });
    expect(done.Status).toBe("FINISH");
    expect(done.FinishTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(done.ProcedureTask).toMatchObject({
      TaskId: taskId,
      Status: "FINISH",
      FileId: committed.FileId,
      SessionContext: '{"orderId":1001}',
    });
    expect(done.ProcedureTask!.MediaProcessResultSet).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Type: "Transcode", TranscodeTask: expect.objectContaining({ Status: "SUCCESS" }) }),
        expect.objectContaining({ Type: "CoverBySnapshot" }),
      ]),
    );
    const after = await client.DescribeMediaInfos({ FileIds: [committed.FileId!] });
    expect(after.MediaInfoSet![0]!.TranscodeInfo!.TranscodeSet).toHaveLength(3);
  });

  it("refuses an unknown TaskId with ResourceNotFound", async () => {
    expect(await codeOf(client.DescribeTaskDetail({ TaskId: "1250000000-Procedure-nope" }))).toBe("ResourceNotFound");
  });
});

describe("DeleteMedia", () => {
  it("removes the media so DescribeMediaInfos no longer finds it", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    const answer = await client.DeleteMedia({ FileId: fileId });
    expect(answer.RequestId).toEqual(expect.any(String));
    expect((await client.DescribeMediaInfos({ FileIds: [fileId] })).NotExistFileIdSet).toEqual([fileId]);
  });

  it("keeps the media when only some parts are deleted", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await client.DeleteMedia({ FileId: fileId, DeleteParts: [{ Type: "TranscodeFiles" }] });
    expect((await client.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet).toHaveLength(1);
  });

  it("refuses an unknown FileId with ResourceNotFound", async () => {
    expect(await codeOf(client.DeleteMedia({ FileId: "5999999999999999999" }))).toBe("ResourceNotFound");
  });

  it("refuses an unknown DeleteParts type with InvalidParameterValue", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    const call = client.DeleteMedia({ FileId: fileId, DeleteParts: [{ Type: "Everything" }] });
    expect(await codeOf(call)).toBe("InvalidParameterValue");
  });
});

describe("ModifyEventConfig and DescribeEventConfig", () => {
  it("stores mode, URL and switches and never returns the SignKey", async () => {
    await client.ModifyEventConfig({
      SubAppId: 1500000099,
      Mode: "PULL",
      NotificationUrl: "http://127.0.0.1:1/callbacks",
      UploadMediaCompleteEventSwitch: "ON",
      DeleteMediaCompleteEventSwitch: "ON",
      SignKey: "abcd1234ABCD",
    });
    const config = await client.DescribeEventConfig({ SubAppId: 1500000099 });
    expect(config).toEqual({
      Mode: "PULL",
      NotificationUrl: "http://127.0.0.1:1/callbacks",
      UploadMediaCompleteEventSwitch: "ON",
      DeleteMediaCompleteEventSwitch: "ON",
      PersistenceCompleteEventSwitch: "OFF",
      RequestId: expect.any(String),
    });
    expect(emulator.state.eventConfigs.get(1500000099)!.signKey).toBe("abcd1234ABCD");
  });

  it("starts with PUSH, no URL and the upload and delete switches OFF", async () => {
    const config = await client.DescribeEventConfig({ SubAppId: 1500000098 });
    expect(config).toMatchObject({ Mode: "PUSH", NotificationUrl: "", UploadMediaCompleteEventSwitch: "OFF" });
  });

  it("refuses a Mode other than PUSH or PULL with InvalidParameterValue", async () => {
    expect(await codeOf(client.ModifyEventConfig({ Mode: "EMAIL" }))).toBe("InvalidParameterValue");
  });
});

describe("PullEvents and ConfirmEvents", () => {
  it("hands out a queued event with an EventHandle that ConfirmEvents accepts once", async () => {
    const subAppId = 1500000042;
    await client.ModifyEventConfig({ SubAppId: subAppId, Mode: "PULL", UploadMediaCompleteEventSwitch: "ON" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { subAppId });
    await waitUntil(() => emulator.state.events.some((event) => event.route === "pull"));
    const pulled = await client.PullEvents({ SubAppId: subAppId });
    expect(pulled.EventSet).toHaveLength(1);
    const [event] = pulled.EventSet!;
    expect(event).toMatchObject({ EventType: "NewFileUpload", FileUploadEvent: { FileId: fileId } });
    expect(event!.EventHandle).toEqual(expect.any(String));
    await client.ConfirmEvents({ SubAppId: subAppId, EventHandles: [event!.EventHandle!] });
    const again = client.ConfirmEvents({ SubAppId: subAppId, EventHandles: [event!.EventHandle!] });
    expect(await codeOf(again)).toBe("InvalidParameterValue");
  });

  it("answers an empty EventSet when nothing is queued", async () => {
    expect((await client.PullEvents({ SubAppId: 1500000043 })).EventSet).toEqual([]);
  });

  it("refuses more than 16 handles in one ConfirmEvents", async () => {
    const handles = Array.from({ length: 17 }, (_, index) => `h${index}`);
    expect(await codeOf(client.ConfirmEvents({ EventHandles: handles }))).toBe("InvalidParameterValue");
  });
});

describe("request authentication through the SDK", () => {
  it("fails a call signed with the wrong SecretKey with AuthFailure.SignatureFailure", async () => {
    const endpoint = emulator.url;
    const wrongKey = createVodClient({ ...credentials, secretKey: "not-the-key", region: "ap-guangzhou", endpoint });
    expect(await codeOf(wrongKey.DescribeEventConfig({}))).toBe("AuthFailure.SignatureFailure");
  });

  it("fails a call with an unknown SecretId with AuthFailure.SecretIdNotFound", async () => {
    const endpoint = emulator.url;
    const stranger = createVodClient({ secretId: "AKIDstranger", secretKey: "x", region: "ap-guangzhou", endpoint });
    expect(await codeOf(stranger.DescribeEventConfig({}))).toBe("AuthFailure.SecretIdNotFound");
  });

  it("answers an action it does not implement with InvalidAction", async () => {
    expect(await codeOf(client.request("SearchMedia", {}))).toBe("InvalidAction");
  });
});
