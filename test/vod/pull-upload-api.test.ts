// pullUpload(): PullUpload through the one VOD call helper, against the emulator with the real SDK. It is made once,
// never retried: a lost answer is vod_outcome_unknown and VOD pulled the file once, not twice (SDK
// PullUploadRequest; the emulator's dropNextPullUploadAnswers closes the connection after the pull started).
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { isAppError } from "../../src/errors.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { pullUpload } from "../../src/vod/pull-upload.js";
import { mediaUrlProblem, PULL_UPLOAD_LIMITS } from "../../src/vod/pull-upload-limits.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { startLoopbackMediaServer } from "./loopback-media-server.js";

const credentials = { secretId: "AKIDpullUploadApi00000000000000000", secretKey: "pullUploadApiSecretKey0000000000" };
let emulator: EmulatorHandle;
let client: VodClient;
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, pullHoldMs: 50 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url, timeoutSeconds: 5 });
  origin = await startLoopbackMediaServer(Buffer.from("media for pullUpload"));
});
afterAll(async () => {
  await origin.close();
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset();
  await client.ModifyEventConfig({ Mode: "PULL" });
});

async function failureOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details as Record<string, unknown> };
    throw error;
  }
  throw new Error("expected a failure");
}

const pullTasks = () => [...emulator.state.pullTasks.values()];

describe("pullUpload", () => {
  test("answers VOD's TaskId and request id, and passes every parameter to VOD", async () => {
    const started = await pullUpload(client, {
      mediaUrl: origin.url("/talk.mp4"),
      mediaName: "Talk",
      procedure: "LongVideoPreset",
      sourceContext: "order-9",
      sessionContext: "ctx",
      sessionId: "order-9-pull",
      classId: 3,
      storageRegion: "ap-chongqing",
    });
    expect(started).toEqual({ taskId: expect.stringMatching(/-Pull-/), requestId: expect.any(String) });
    expect(pullTasks()).toEqual([
      expect.objectContaining({
        taskId: started.taskId,
        mediaName: "Talk",
        procedure: "LongVideoPreset",
        sourceContext: "order-9",
        sessionContext: "ctx",
        sessionId: "order-9-pull",
        classId: 3,
        storageRegion: "ap-chongqing",
      }),
    ]);
  });

  test("maps a parameter VOD refuses to vod_rejected with VOD's code", async () => {
    const failure = await failureOf(
      pullUpload(client, { mediaUrl: "http://127.0.0.1/v.mp4", sessionId: "x".repeat(51) }),
    );
    expect(failure).toEqual({
      code: "vod_rejected",
      details: expect.objectContaining({
        action: "PullUpload",
        vodCode: "InvalidParameterValue.SessionIdTooLong",
        outcome: "failed",
      }),
    });
  });

  test("calls VOD once when the answer is lost: vod_outcome_unknown, and the pull still ends in one PullComplete", async () => {
    emulator.configure({ dropNextPullUploadAnswers: 1 });
    const failure = await failureOf(pullUpload(client, { mediaUrl: origin.url("/lost.mp4") }));
    expect(failure).toEqual({
      code: "vod_outcome_unknown",
      details: expect.objectContaining({ action: "PullUpload", outcome: "unknown" }),
    });
    expect(pullTasks()).toHaveLength(1);
    await waitUntil(() => emulator.state.queues.get(0)?.list().length === 1);
    const [event] = (await client.PullEvents({})).EventSet!;
    expect(event!.PullCompleteEvent).toMatchObject({ TaskId: pullTasks()[0]!.taskId, ErrCode: 0 });
  });

  test("a repeat with the same sessionId after a lost answer is refused by VOD, so the file is not pulled twice", async () => {
    emulator.configure({ dropNextPullUploadAnswers: 1 });
    const params = { mediaUrl: origin.url("/once.mp4"), sessionId: "upl_once" };
    expect((await failureOf(pullUpload(client, params))).code).toBe("vod_outcome_unknown");
    const repeat = await failureOf(pullUpload(client, params));
    expect(repeat).toEqual({
      code: "vod_rejected",
      details: expect.objectContaining({ vodCode: "InvalidParameterValue.SessionId" }),
    });
    expect(pullTasks()).toHaveLength(1);
  });
});

describe("mediaUrlProblem", () => {
  test.each([
    ["accepts an https URL with a query", "https://media.example.com/a/b.mp4?sig=1", null],
    ["accepts an upper-case scheme and a port", "HTTP://127.0.0.1:8080/v.m3u8", null],
    ["refuses ftp", "ftp://example.com/v.mp4", "must be an http:// or https:// URL"],
    ["refuses a relative URL", "/relative/v.mp4", "must be an http:// or https:// URL"],
    [
      "refuses a space",
      "http://example.com/a b.mp4",
      "must not contain control characters or spaces (percent-encode them)",
    ],
    [
      "refuses NUL",
      "http://example.com/a\u0000.mp4",
      "must not contain control characters or spaces (percent-encode them)",
    ],
    [
      "refuses a C1 control (NEL)",
      "http://example.com/a\u0085.mp4",
      "must not contain control characters or spaces (percent-encode them)",
    ],
    ["refuses a URL that does not parse", "http://[::1/v.mp4", "must be a valid URL"],
    [
      "refuses a URL over the maximum length",
      `https://e.com/${"a".repeat(PULL_UPLOAD_LIMITS.mediaUrlMaxLength)}`,
      "must be at most 2048 characters",
    ],
  ])("%s", (_case, url, problem) => {
    expect(mediaUrlProblem(url)).toBe(problem);
  });

  test("accepts a URL of exactly the maximum length", () => {
    const url = `https://e.com/${"a".repeat(PULL_UPLOAD_LIMITS.mediaUrlMaxLength - "https://e.com/".length)}`;
    expect(url).toHaveLength(2048);
    expect(mediaUrlProblem(url)).toBeNull();
  });
});
