// PullUpload on the emulator through the real SDK: VOD fetches the URL itself (the emulator: from loopback only),
// answers the TaskId at once and reports the result as PullComplete, in both formats, by PUSH and by PULL.
// Shapes: SDK PullUploadRequest / PullUploadTask / EventContent.PullCompleteEvent (tencentcloud-sdk-nodejs vod_models);
// Tencent's PullComplete page (https://www.tencentcloud.com/document/product/266/33951); the archived 2017 page
// (tencentyun/qcloud-documents `…/事件通知/URL 拉取视频上传完成.md`: data {status, message, vodTaskId, fileId, fileUrl,
// transcodeTaskId}); error codes from PullUpload's list in tencentcloud-sdk-go vod/v20180717/client.go.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { sdkModelFields } from "../support/sdk-model-fields.js";
import { closedLoopbackPort, startLoopbackMediaServer } from "./loopback-media-server.js";

const credentials = { secretId: "AKIDpullUpload00000000000000000000", secretKey: "pullUploadSecretKey0000000000000" };
const media = Buffer.from("pulled media bytes ".repeat(64));
let emulator: EmulatorHandle;
let client: VodClient;
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 50, pullHoldMs: 100 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  origin = await startLoopbackMediaServer(media);
});
afterAll(async () => {
  await origin.close();
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset();
  receiver = await startCallbackReceiver();
  await client.ModifyEventConfig({ Mode: "PUSH", NotificationUrl: receiver.url, UploadMediaCompleteEventSwitch: "ON" });
});
afterEach(() => receiver.close());

const pushed = (eventType: string) => () => {
  const found = receiver.received.filter(
    (callback) => (callback.body.EventType ?? callback.body.eventType) === eventType,
  );
  return found.length > 0 && found;
};

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("PullUpload from a loopback URL", () => {
  test("answers a TaskId at once, then PullComplete names the new FileId, its URL and the request's contexts", async () => {
    const answer = await client.PullUpload({
      MediaUrl: origin.url("/videos/holiday.mp4"),
      SourceContext: "order-42",
      SessionContext: '{"orderId":42}',
      SessionId: "order-42-pull",
    });
    expect(answer.TaskId).toMatch(new RegExp(`^${emulator.appId}-Pull-[0-9a-f]{32}$`));
    const [callback] = await waitUntil(pushed("PullComplete"));
    const event = callback!.body.PullCompleteEvent;
    expect(event).toMatchObject({
      TaskId: answer.TaskId,
      Status: "FINISH",
      ErrCode: 0,
      Message: "SUCCESS",
      FileId: expect.stringMatching(/^\d{19}$/),
      ProcedureTaskId: "",
      ReviewAudioVideoTaskId: "",
      SessionContext: '{"orderId":42}',
      SessionId: "order-42-pull",
      Progress: 100,
      MediaBasicInfo: { Name: "holiday", Type: "mp4", SourceInfo: { SourceType: "Upload", SourceContext: "order-42" } },
      MetaData: { Size: media.length },
    });
    expect(event.FileUrl).toBe(event.MediaBasicInfo.MediaUrl);
    expect(Object.keys(event).filter((key) => !sdkModelFields("PullUploadTask").includes(key))).toEqual([]);
    expect(origin.requests).toContain("/videos/holiday.mp4");

    const [info] = (await client.DescribeMediaInfos({ FileIds: [event.FileId] })).MediaInfoSet!;
    expect(info!.MetaData!.Size).toBe(media.length);
    expect(info!.BasicInfo!.MediaUrl).toBe(event.FileUrl);
  });

  test("DescribeTaskDetail answers TaskType PullUpload: PROCESSING while the fetch runs, then FINISH with the PullComplete fields", async () => {
    const { TaskId } = await client.PullUpload({ MediaUrl: origin.url("/slow/clip.mp4") });
    await waitUntil(() => origin.requests.includes("/slow/clip.mp4"));
    const running = await client.DescribeTaskDetail({ TaskId: TaskId! });
    expect(running).toMatchObject({ TaskType: "PullUpload", Status: "PROCESSING", FinishTime: "" });
    expect(running.PullUploadTask).toMatchObject({ TaskId, Status: "PROCESSING", FileId: "", Progress: 0 });

    origin.release();
    const [callback] = await waitUntil(pushed("PullComplete"));
    const done = await client.DescribeTaskDetail({ TaskId: TaskId! });
    expect(done).toMatchObject({ TaskType: "PullUpload", Status: "FINISH", FinishTime: expect.stringMatching(/Z$/) });
    const { PullUploadTask } = done;
    expect(PullUploadTask).toMatchObject({
      Status: "FINISH",
      ErrCode: 0,
      FileId: callback!.body.PullCompleteEvent.FileId,
    });
    expect(PullUploadTask!.MediaBasicInfo).toEqual(callback!.body.PullCompleteEvent.MediaBasicInfo);
  });

  test("runs the named procedure after PullComplete, as after a commit", async () => {
    const { TaskId } = await client.PullUpload({ MediaUrl: origin.url("/a.mp4"), Procedure: "LongVideoPreset" });
    const [pull] = await waitUntil(pushed("PullComplete"));
    const [procedure] = await waitUntil(pushed("ProcedureStateChanged"));
    const event = pull!.body.PullCompleteEvent;
    expect(event.TaskId).toBe(TaskId);
    expect(event.ProcedureTaskId).toMatch(/-Procedure-/);
    expect(procedure!.body.ProcedureStateChangeEvent).toMatchObject({
      TaskId: event.ProcedureTaskId,
      FileId: event.FileId,
      Status: "FINISH",
    });
    expect(receiver.received.findIndex((c) => c === pull)).toBeLessThan(receiver.received.indexOf(procedure!));
  });
});

describe("a pull that cannot fetch its source", () => {
  test.each([
    ["a host that is not this machine", () => "http://203.0.113.7/video.mp4"],
    ["a refused connection", async () => `http://127.0.0.1:${await closedLoopbackPort()}/video.mp4`],
    ["a 404 answer", () => origin.url("/missing/video.mp4")],
  ])("finishes with ErrCode 60000 for %s, with no FileId", async (_case, urlOf) => {
    const { TaskId } = await client.PullUpload({ MediaUrl: await urlOf() });
    const [callback] = await waitUntil(pushed("PullComplete"));
    const event = callback!.body.PullCompleteEvent;
    expect(event).toMatchObject({ TaskId, Status: "FINISH", ErrCode: 60000, FileId: "", FileUrl: "" });
    expect(event.Message).toMatch(/source file/i);
    // "fields with null values are omitted" (Tencent's PullComplete page)
    expect(event).not.toHaveProperty("MediaBasicInfo");
    const detail = await client.DescribeTaskDetail({ TaskId: TaskId! });
    expect(detail.PullUploadTask).toMatchObject({ Status: "FINISH", ErrCode: 60000, MediaBasicInfo: null });
    expect(emulator.state.media.size).toBe(0);
  });
});

describe("PullComplete delivery", () => {
  test("is queued for PULL in the v3 format, with an EventHandle", async () => {
    await client.ModifyEventConfig({ Mode: "PULL" });
    const { TaskId } = await client.PullUpload({ MediaUrl: origin.url("/b.mp4") });
    await waitUntil(() => emulator.state.queues.get(0)?.list().length === 1);
    const [event] = (await client.PullEvents({})).EventSet!;
    expect(event).toMatchObject({ EventHandle: expect.any(String), EventType: "PullComplete" });
    expect(event!.PullCompleteEvent).toMatchObject({ TaskId, Status: "FINISH", ErrCode: 0 });
    expect(receiver.received).toEqual([]);
  });

  test("is pushed in the 2017 format when the account is on it, naming the task without its AppId prefix", async () => {
    emulator.configure({ eventFormat: "legacy" });
    const { TaskId } = await client.PullUpload({ MediaUrl: origin.url("/c.mp4") });
    const [callback] = await waitUntil(pushed("PullComplete"));
    const fileId = [...emulator.state.media.keys()][0];
    expect(callback!.body).toEqual({
      version: "4.0",
      eventType: "PullComplete",
      data: {
        status: 0,
        message: "SUCCESS",
        vodTaskId: TaskId!.slice(TaskId!.indexOf("Pull-")),
        fileId,
        fileUrl: emulator.state.media.get(fileId!)!.mediaUrl,
        transcodeTaskId: "",
      },
    });
    expect(callback!.body.data.vodTaskId).toMatch(/^Pull-[0-9a-f]{32}$/);
  });

  test("has no event switch: it is sent with UploadMediaCompleteEventSwitch OFF", async () => {
    await client.ModifyEventConfig({ UploadMediaCompleteEventSwitch: "OFF" });
    await client.PullUpload({ MediaUrl: origin.url("/d.mp4") });
    await waitUntil(pushed("PullComplete"));
    expect(emulator.state.events.map((event) => [event.eventType, event.route])).toEqual([["PullComplete", "push"]]);
  });
});

describe("PullUpload parameters", () => {
  test.each([
    ["a MediaUrl that is not http(s)", { MediaUrl: "ftp://127.0.0.1/video.mp4" }, "InvalidParameterValue.MediaUrl"],
    ["a MediaUrl with a space", { MediaUrl: "http://127.0.0.1/a b.mp4" }, "InvalidParameterValue.MediaUrl"],
    [
      "a MediaUrl with a control character",
      { MediaUrl: "http://127.0.0.1/a\u0001.mp4" },
      "InvalidParameterValue.MediaUrl",
    ],
    [
      "a MediaUrl over 2048 characters",
      { MediaUrl: `http://127.0.0.1/${"a".repeat(2048)}.mp4` },
      "InvalidParameterValue.MediaUrl",
    ],
    [
      "a MediaUrl without a media extension and no MediaType",
      { MediaUrl: "http://127.0.0.1/watch?v=1" },
      "FailedOperation.MediaType",
    ],
    [
      "a CoverUrl that is not http(s)",
      { MediaUrl: "http://127.0.0.1/v.mp4", CoverUrl: "file:///c.jpg" },
      "InvalidParameterValue.CoverUrl",
    ],
    [
      "a SourceContext over 250 characters",
      { MediaUrl: "http://127.0.0.1/v.mp4", SourceContext: "s".repeat(251) },
      "InvalidParameterValue",
    ],
    [
      "a SessionContext over 1000 characters",
      { MediaUrl: "http://127.0.0.1/v.mp4", SessionContext: "s".repeat(1001) },
      "InvalidParameterValue.SessionContextTooLong",
    ],
    [
      "a SessionId over 50 characters",
      { MediaUrl: "http://127.0.0.1/v.mp4", SessionId: "s".repeat(51) },
      "InvalidParameterValue.SessionIdTooLong",
    ],
    [
      "an ExpireTime that is not ISO 8601",
      { MediaUrl: "http://127.0.0.1/v.mp4", ExpireTime: "tomorrow" },
      "InvalidParameterValue.ExpireTime",
    ],
    [
      "a parameter PullUpload does not define",
      { MediaUrl: "http://127.0.0.1/v.mp4", Colour: "red" },
      "UnknownParameter",
    ],
    ["no MediaUrl", {}, "MissingParameter"],
  ])("refuses %s with %s and starts nothing", async (_case, params, code) => {
    expect(await codeOf(client.PullUpload(params as never))).toBe(code);
    expect(emulator.state.pullTasks.size).toBe(0);
  });

  test("takes MediaType over the URL's extension, and refuses a SessionId used in the last 3 days", async () => {
    await client.PullUpload({ MediaUrl: origin.url("/stream?id=7"), MediaType: "MP4", SessionId: "once" });
    const [callback] = await waitUntil(pushed("PullComplete"));
    expect(callback!.body.PullCompleteEvent.MediaBasicInfo.Type).toBe("mp4");
    expect(await codeOf(client.PullUpload({ MediaUrl: origin.url("/e.mp4"), SessionId: "once" }))).toBe(
      "InvalidParameterValue.SessionId",
    );
  });
});
