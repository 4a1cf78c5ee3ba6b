// Moderation on the emulator: a procedure whose name asks for review lists its content checks in
// ProcedureStateChanged and sends ReviewAudioVideoComplete; POST /_emulator/review sets a file's verdict.
// Shapes: SDK models (tencentcloud-sdk-nodejs vod_models) AiContentReviewResult, AiReviewTaskPornResult,
// ReviewAudioVideoTask, ReviewAudioVideoTaskOutput, ReviewAudioVideoSegmentItem; Tencent's ReviewAudioVideoComplete
// page (https://www.tencentcloud.com/document/product/266/50677: Output.Label "porn", segments "Porn"); 2017 format:
// data.contentReviewList[] {taskType, status, output {suggestion, confidence, label, segments}} as Tencent's
// short-video demo server reads it (tencentyun/vod-xiaoshipin-server routes/taskcbHandlers.js at d00362e), and
// PorncheckComplete {vodTaskId, fileId, pornImgUrl[{pic_time, pic_url}]} (archived qcloud-documents page 视频鉴黄完成.md).
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { sdkModelFields } from "../support/sdk-model-fields.js";
import { startLoopbackMediaServer } from "./loopback-media-server.js";

const credentials = { secretId: "AKIDreviewTest0000000000000000000", secretKey: "reviewTestSecretKey0000000000000" };
let emulator: EmulatorHandle;
let client: VodClient;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 150 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  receiver = await startCallbackReceiver();
  await client.ModifyEventConfig({ Mode: "PUSH", NotificationUrl: receiver.url, UploadMediaCompleteEventSwitch: "ON" });
});
afterEach(() => {
  emulator.configure({ procedureDelayMs: 150 });
  return receiver.close();
});

/** The tests that set a verdict after the upload must do so before the flow finishes: on a loaded machine the
 *  verdict's round trip took longer than 150 ms and the flow passed the file first. */
const verdictAfterUpload = () => emulator.configure({ procedureDelayMs: 1_500 });

const bodyOf = (eventType: string) => () =>
  receiver.received.find((callback) => (callback.body.EventType ?? callback.body.eventType) === eventType)?.body;

async function postVerdict(body: unknown) {
  const response = await fetch(`${emulator.url}/_emulator/review`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const checksOf = (set: any[]) =>
  set.map((item) => {
    const result = item[`${item.Type}Task`];
    return [item.Type, result.Status, result.Output.Suggestion, result.Output.Label, result.Output.Confidence];
  });

describe("a review procedure", () => {
  test("names its review task in NewFileUpload, lists every check in ProcedureStateChanged with the file's verdict on its check, then sends ReviewAudioVideoComplete", async () => {
    verdictAfterUpload();
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "ReviewAndTranscode" });
    const verdict = await postVerdict({ fileId, suggestion: "block", label: "Porn", confidence: 98, emit: false });
    expect(verdict).toEqual({
      status: 200,
      body: { verdict: expect.objectContaining({ suggestion: "block" }), taskId: null },
    });

    const review = await waitUntil(bodyOf("ReviewAudioVideoComplete"));
    const upload = bodyOf("NewFileUpload")()!.FileUploadEvent;
    const procedure = bodyOf("ProcedureStateChanged")()!.ProcedureStateChangeEvent;
    const types = receiver.received.map((callback) => callback.body.EventType);
    expect(types).toEqual(["NewFileUpload", "ProcedureStateChanged", "ReviewAudioVideoComplete"]);

    expect(upload.ReviewAudioVideoTaskId).toMatch(new RegExp(`^${emulator.appId}-ReviewAudioVideo-[0-9a-f]{32}t$`));
    expect(checksOf(procedure.AiContentReviewResultSet)).toEqual([
      ["Porn", "SUCCESS", "block", "Porn", 98],
      ["Terrorism", "SUCCESS", "pass", "", 0],
      ["Political", "SUCCESS", "pass", "", 0],
    ]);
    const porn = procedure.AiContentReviewResultSet[0];
    expect(porn.TerrorismTask).toBeNull();
    expect(porn.PornTask.Output.SegmentSet).toHaveLength(2);
    expect(porn.PornTask.Output.SegmentSetFileUrl).toMatch(/\/review\/segments\.json$/);
    for (const item of procedure.AiContentReviewResultSet) {
      expect(Object.keys(item).filter((key) => !sdkModelFields("AiContentReviewResult").includes(key))).toEqual([]);
    }

    const event = review.ReviewAudioVideoCompleteEvent;
    expect(event).toMatchObject({
      TaskId: upload.ReviewAudioVideoTaskId,
      Status: "FINISH",
      ErrCodeExt: "",
      Message: "SUCCESS",
      Input: { FileId: fileId },
      Output: { Suggestion: "block", Label: "porn", Form: "Image" },
    });
    expect(event.Output.SegmentSet[0]).toMatchObject({
      Label: "Porn",
      SubLabel: "porn",
      Suggestion: "block",
      Confidence: 98,
    });
    expect(Object.keys(event).filter((key) => !sdkModelFields("ReviewAudioVideoTask").includes(key))).toEqual([]);
    expect(
      Object.keys(event.Output).filter((key) => !sdkModelFields("ReviewAudioVideoTaskOutput").includes(key)),
    ).toEqual([]);
    expect(
      Object.keys(event.Output.SegmentSet[0]).filter(
        (key) => !sdkModelFields("ReviewAudioVideoSegmentItem").includes(key),
      ),
    ).toEqual([]);

    const detail = await client.DescribeTaskDetail({ TaskId: upload.ReviewAudioVideoTaskId });
    expect(detail).toMatchObject({ TaskType: "ReviewAudioVideo", Status: "FINISH" });
    expect(detail.ReviewAudioVideoTask).toEqual(event);
    const flow = await client.DescribeTaskDetail({ TaskId: procedure.TaskId });
    expect(flow.ProcedureTask!.AiContentReviewResultSet).toEqual(procedure.AiContentReviewResultSet);
  });

  test("passes a file nobody set a verdict for, with no segments", async () => {
    await uploadToEmulator(client, emulator.cosDomain, { procedure: "review-only" });
    const review = (await waitUntil(bodyOf("ReviewAudioVideoComplete"))).ReviewAudioVideoCompleteEvent;
    expect(review.Output).toMatchObject({ Suggestion: "pass", Label: "", SegmentSet: [], SegmentSetFileUrl: "" });
    const procedure = bodyOf("ProcedureStateChanged")()!.ProcedureStateChangeEvent;
    expect(checksOf(procedure.AiContentReviewResultSet).map((check) => check[2])).toEqual(["pass", "pass", "pass"]);
  });

  test("puts a Terror verdict on the Terrorism check", async () => {
    verdictAfterUpload();
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "Review" });
    await postVerdict({ fileId, suggestion: "review", label: "Terror", confidence: 61, emit: false });
    await waitUntil(bodyOf("ReviewAudioVideoComplete"));
    const procedure = bodyOf("ProcedureStateChanged")()!.ProcedureStateChangeEvent;
    expect(checksOf(procedure.AiContentReviewResultSet).map((check) => check[2])).toEqual(["pass", "review", "pass"]);
  });

  test("runs on a pulled file too: PullComplete names the review task", async () => {
    const origin = await startLoopbackMediaServer(Buffer.from("pulled for review"));
    try {
      await client.PullUpload({ MediaUrl: origin.url("/r.mp4"), Procedure: "ReviewPreset" });
      const review = (await waitUntil(bodyOf("ReviewAudioVideoComplete"))).ReviewAudioVideoCompleteEvent;
      expect(bodyOf("PullComplete")()!.PullCompleteEvent.ReviewAudioVideoTaskId).toBe(review.TaskId);
    } finally {
      await origin.close();
    }
  });

  test("is reported in the 2017 format as contentReviewList and a PorncheckComplete listing the suspect pictures", async () => {
    verdictAfterUpload();
    emulator.configure({ eventFormat: "legacy" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "ReviewPreset" });
    await postVerdict({ fileId, suggestion: "block", label: "Porn", confidence: 97, emit: false });
    const porncheck = await waitUntil(bodyOf("PorncheckComplete"));
    const procedure = bodyOf("ProcedureStateChanged")()!;
    const [porn, terrorism] = procedure.data.contentReviewList;
    expect(porn).toMatchObject({
      taskType: "Porn",
      status: "SUCCESS",
      errCode: 0,
      input: { definition: 10 },
      output: {
        suggestion: "block",
        confidence: 97,
        label: "Porn",
        segmentsFileUrl: expect.stringMatching(/segments\.json$/),
      },
    });
    expect(porn.output.segments[0]).toMatchObject({
      startTimeOffset: 0,
      endTimeOffset: 1,
      suggestion: "block",
      confidence: 97,
    });
    expect(terrorism).toMatchObject({ taskType: "Terrorism", output: { suggestion: "pass", segments: [] } });
    expect(porncheck).toEqual({
      version: "4.0",
      eventType: "PorncheckComplete",
      data: {
        status: 0,
        message: "",
        vodTaskId: emulator.state.media.get(fileId)!.reviewTaskId,
        fileId,
        pornImgUrl: [
          { pic_time: "00:00:00", pic_url: porn.output.segments[0].url },
          { pic_time: "00:00:01", pic_url: porn.output.segments[1].url },
        ],
      },
    });
  });
});

describe("POST /_emulator/review", () => {
  test("runs a review on an existing file now; the later verdict wins in the next review, and label and confidence are kept as given", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    const first = await postVerdict({ fileId, suggestion: "review", label: "Ad", confidence: 70 });
    expect(first.body.taskId).toMatch(/-ReviewAudioVideo-/);
    await waitUntil(bodyOf("ReviewAudioVideoComplete"));
    const second = await postVerdict({ fileId, suggestion: "block", label: "Mystery", confidence: 150, form: "OCR" });
    const reviews = await waitUntil(() => {
      const found = receiver.received.filter((callback) => callback.body.EventType === "ReviewAudioVideoComplete");
      return found.length === 2 && found.map((callback) => callback.body.ReviewAudioVideoCompleteEvent);
    });
    expect(reviews.map((review) => [review.TaskId, review.Output.Suggestion, review.Output.Label])).toEqual([
      [first.body.taskId, "review", "ad"],
      [second.body.taskId, "block", "mystery"],
    ]);
    expect(reviews[1].Output.SegmentSet[0]).toMatchObject({ Label: "Mystery", Confidence: 150, Form: "OCR" });
    const detail = await client.DescribeTaskDetail({ TaskId: second.body.taskId });
    expect(detail.ReviewAudioVideoTask!.Output!.Suggestion).toBe("block");
  });

  test("keeps the verdict of a file not uploaded yet for its first review, and runs nothing now", async () => {
    const answer = await postVerdict({ fileId: "5285890784273600042", suggestion: "pass" });
    expect(answer).toEqual({
      status: 200,
      body: { verdict: { suggestion: "pass", label: "", confidence: 0, form: "" }, taskId: null },
    });
    expect(emulator.state.reviewTasks.size).toBe(0);
  });

  test("refuses a suggestion VOD does not have with 400", async () => {
    const answer = await postVerdict({ fileId: "1", suggestion: "maybe" });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_request");
  });
});
