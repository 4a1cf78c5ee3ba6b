// POST /v1/uploads/pull end to end (issue 15): the route calls PullUpload through the real SDK on the VOD emulator,
// the emulator fetches the file from a loopback origin (or fails with 60000: SDK PullUploadTask.ErrCode) and pushes
// PullComplete (current or 2017 format, as the account is set) and the task flow's events back to our callback URL.
// Every upload is read back through GET /v1/uploads/:ref and checked against the stored row: one row per pull task.
// The VOD client is the real one, wrapped so one test can hold VOD's answer until its PullComplete was stored (VOD
// finishing a pull before its answer reaches us).
import request from "supertest";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { PULL_UPLOAD_LIMITS } from "../../src/vod/pull-upload-limits.js";
import { listenApp } from "../support/listen-app.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { startLoopbackMediaServer } from "../vod/loopback-media-server.js";

const credentials = { secretId: "AKIDpullUploadsRoute0000000000000", secretKey: "pullUploadsRouteSecretKey0000000" };
let emulator: EmulatorHandle;
let t: TestApp;
let service: { url: string; close(): Promise<void> };
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;
/** When set, VOD's PullUpload answer is handed to the route only after this resolves. */
let holdAnswer: ((taskId: string) => Promise<void>) | null = null;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 400, pushRetryDelaysMs: [50] });
  const vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  const held = Object.create(vod) as VodClient;
  held.PullUpload = async (req: Parameters<VodClient["PullUpload"]>[0]) => {
    const answer = await vod.PullUpload(req);
    if (holdAnswer && answer.TaskId) await holdAnswer(answer.TaskId);
    return answer;
  };
  t = await startTestApp({ vod: held });
  service = await listenApp(t.app);
  await vod.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: `${service.url}${t.callbackPath}`,
    UploadMediaCompleteEventSwitch: "ON",
  });
  origin = await startLoopbackMediaServer(Buffer.from("a lecture pulled by VOD ".repeat(200)));
});
afterAll(async () => {
  await origin.close();
  await emulator.close();
  await service.close();
  await t.close();
});
afterEach(() => {
  holdAnswer = null;
  emulator.configure({ eventFormat: "v3", duplicateNextPushes: 0, dropNextPullUploadAnswers: 0 });
});

const auth = () => `Bearer ${t.apiToken}`;
const pull = (body: object) => request(t.app).post("/v1/uploads/pull").set("Authorization", auth()).send(body);
const get = (path: string) => request(t.app).get(path).set("Authorization", auth());
const statusOf = async (ref: string) => (await get(`/v1/uploads/${ref}`)).body as Record<string, any>;
const rowsOfTask = (taskId: string) =>
  t.db.prisma.upload.findMany({ where: { pullTaskId: { endsWith: taskId.slice(taskId.indexOf("Pull-")) } } });

async function poll<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls the upload until `until` holds, recording every status seen on the way. */
async function follow(ref: string, until: (upload: Record<string, any>) => boolean) {
  const seen: string[] = [];
  const last = await poll(async () => {
    const upload = await statusOf(ref);
    if (seen.at(-1) !== upload.status) seen.push(upload.status as string);
    return until(upload) && upload;
  });
  return { seen, last };
}

describe("POST /v1/uploads/pull", () => {
  test("a file on a loopback origin ends UPLOADED, then PROCESSED, with its SourceContext, on the row answered", async () => {
    const mediaUrl = origin.url("/lectures/one.mp4");
    const response = await pull({
      mediaUrl,
      mediaName: "Lecture one",
      procedure: "LongVideoPreset",
      sourceContext: "course-7/lecture-1",
      sessionContext: '{"lesson":1}',
    });
    expect(response.status).toBe(201);
    const task = emulator.state.pullTasks.get(response.body.taskId)!;
    expect(task).toMatchObject({ mediaUrl, sourceContext: "course-7/lecture-1", procedure: "LongVideoPreset" });
    expect(response.body).toMatchObject({
      taskId: task.taskId,
      id: expect.stringMatching(/^upl_/),
      procedure: "LongVideoPreset",
      sourceContext: "course-7/lecture-1",
      pull: { taskId: task.taskId, sourceUrl: mediaUrl, errCode: null, message: null, retryable: null },
      review: null,
    });
    // PENDING unless VOD's PullComplete was quicker than its answer to us (then the same row, already UPLOADED).
    expect(["PENDING", "UPLOADED"]).toContain(response.body.status);

    const { seen, last } = await follow(response.body.id, (upload) => upload.status === "PROCESSED");
    expect(seen.slice(seen.indexOf("UPLOADED"))).toEqual(["UPLOADED", "PROCESSED"]);
    expect(last).toMatchObject({
      id: response.body.id,
      fileId: task.fileId,
      sourceContext: "course-7/lecture-1",
      sessionContext: '{"lesson":1}',
      name: "Lecture one",
      procedureTaskId: emulator.state.media.get(task.fileId)!.procedureTaskId,
      pull: { taskId: task.taskId, sourceUrl: mediaUrl, errCode: null, retryable: null },
      ready: { playable: true, complete: true, publishable: true },
    });
    expect(last.mediaUrl).not.toBe(mediaUrl);
    expect(origin.requests).toContain("/lectures/one.mp4");
    const rows = await rowsOfTask(task.taskId);
    expect(rows.map((row) => [row.id, row.fileId, row.status])).toEqual([[response.body.id, task.fileId, "PROCESSED"]]);
  });

  test("a URL VOD cannot fetch ends FAILED with ErrCode 60000, not retryable, and no FileId", async () => {
    // Not on this machine: the emulator, like VOD for an unreachable host, reports a source file error.
    const mediaUrl = "http://203.0.113.7/gone.mp4";
    const response = await pull({ mediaUrl, sourceContext: "course-7/unreachable" });
    expect(response.status).toBe(201);
    const { last } = await follow(response.body.id, (upload) => upload.status === "FAILED");
    expect(last).toMatchObject({
      fileId: null,
      sourceContext: "course-7/unreachable",
      pull: { taskId: response.body.taskId, sourceUrl: mediaUrl, errCode: 60000, retryable: false },
      // Nothing more is coming, and nothing to play or publish.
      ready: { playable: false, complete: true, publishable: false },
    });
    expect(last.pull.message).toMatch(/source file error/i);
    const [row] = await rowsOfTask(response.body.taskId);
    expect(row).toMatchObject({ id: response.body.id, status: "FAILED", pullErrCode: 60000 });
  });

  test.each(["v3", "legacy"] as const)(
    "a PullComplete (%s format) stored before VOD's answer reached the route is the row answered, completed by the request",
    async (eventFormat) => {
      emulator.configure({ eventFormat });
      holdAnswer = (taskId) =>
        poll(async () => (await rowsOfTask(taskId)).some((row) => row.status === "UPLOADED")).then(() => undefined);
      const mediaUrl = origin.url("/lectures/early.mp4");
      const sourceContext = `course-7/early-${eventFormat}`;
      const response = await pull({ mediaUrl, sourceContext, procedure: "LongVideoPreset" });
      expect(response.status).toBe(201);
      const task = emulator.state.pullTasks.get(response.body.taskId)!;
      expect(response.body).toMatchObject({
        status: "UPLOADED",
        fileId: task.fileId,
        // The 2017 format carries no SourceContext: the request's fills the row.
        sourceContext,
        // What only the request knew is added to the row the PullComplete made.
        procedure: "LongVideoPreset",
        pull: { taskId: task.taskId, sourceUrl: mediaUrl },
      });
      expect((await rowsOfTask(task.taskId)).map((row) => row.id)).toEqual([response.body.id]);
      await follow(response.body.id, (upload) => upload.status === "PROCESSED");
    },
  );

  test("a 2017-format PullComplete (TaskId without the AppId) moves the upload started with the full TaskId", async () => {
    emulator.configure({ eventFormat: "legacy" });
    const response = await pull({ mediaUrl: origin.url("/lectures/legacy.mp4"), sourceContext: "course-7/legacy" });
    expect(response.status).toBe(201);
    const { last } = await follow(response.body.id, (upload) => upload.fileId !== null);
    const task = emulator.state.pullTasks.get(response.body.taskId)!;
    expect(last).toMatchObject({ id: response.body.id, fileId: task.fileId, pull: { taskId: task.taskId } });
    expect(["UPLOADED", "PROCESSED", "PROCESSING"]).toContain(last.status);
    expect(await rowsOfTask(task.taskId)).toHaveLength(1);
  });

  test("a PullComplete delivered twice leaves one row and one applied event", async () => {
    emulator.configure({ duplicateNextPushes: 1 });
    const response = await pull({ mediaUrl: origin.url("/lectures/twice.mp4") });
    const { last } = await follow(response.body.id, (upload) => upload.status === "UPLOADED");
    await poll(async () => (await t.db.prisma.vodEvent.count({ where: { fileId: last.fileId } })) >= 1);
    // The redelivery is answered duplicate and stores nothing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = await t.db.prisma.vodEvent.findMany({ where: { fileId: last.fileId, eventType: "PullComplete" } });
    expect(events.map((event) => event.outcome)).toEqual(["applied"]);
    expect(await rowsOfTask(response.body.taskId)).toHaveLength(1);
  });

  test("VOD's answer lost: 502 vod_outcome_unknown, and the PullComplete still records the upload", async () => {
    emulator.configure({ dropNextPullUploadAnswers: 1 });
    const sourceContext = `course-7/lost-${Date.now()}`;
    const response = await pull({ mediaUrl: origin.url("/lectures/lost.mp4"), sourceContext });
    expect([response.status, response.body.error.code]).toEqual([502, "vod_outcome_unknown"]);
    const found = await poll(async () => {
      const page = (await get(`/v1/uploads?sourceContext=${encodeURIComponent(sourceContext)}`)).body;
      return page.items[0] as Record<string, any> | undefined;
    });
    const task = [...emulator.state.pullTasks.values()].find((candidate) => candidate.sourceContext === sourceContext)!;
    expect(found).toMatchObject({ fileId: task.fileId, pull: { taskId: task.taskId, sourceUrl: null } });
  });

  describe("bad input is a 400 naming the field, before any call to VOD", () => {
    const long = (n: number) => "x".repeat(n);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["no mediaUrl", {}, "mediaUrl"],
      ["an ftp URL", { mediaUrl: "ftp://example.com/a.mp4" }, "mediaUrl"],
      ["a relative URL", { mediaUrl: "/a.mp4" }, "mediaUrl"],
      [
        "a URL longer than VOD takes",
        { mediaUrl: `https://example.com/${long(PULL_UPLOAD_LIMITS.mediaUrlMaxLength)}.mp4` },
        "mediaUrl",
      ],
      ["a URL with a control character", { mediaUrl: "https://example.com/a\u0007.mp4" }, "mediaUrl"],
      ["a URL with a space", { mediaUrl: "https://example.com/a b.mp4" }, "mediaUrl"],
      [
        "a cover URL that is not http(s)",
        { mediaUrl: "https://example.com/a.mp4", coverUrl: "file:///c.jpg" },
        "coverUrl",
      ],
      [
        "a SourceContext over 250",
        { mediaUrl: "https://example.com/a.mp4", sourceContext: long(251) },
        "sourceContext",
      ],
      [
        "a SessionContext over 1,000",
        { mediaUrl: "https://example.com/a.mp4", sessionContext: long(1001) },
        "sessionContext",
      ],
      ["a SessionId over 50", { mediaUrl: "https://example.com/a.mp4", sessionId: long(51) }, "sessionId"],
      ["a mediaType with a dot", { mediaUrl: "https://example.com/a", mediaType: ".mp4" }, "mediaType"],
      [
        "an expireTime that is no time",
        { mediaUrl: "https://example.com/a.mp4", expireTime: "tomorrow" },
        "expireTime",
      ],
      ["a NUL in the name", { mediaUrl: "https://example.com/a.mp4", mediaName: "a\u0000b" }, "mediaName"],
    ];
    test.each(cases)("%s", async (_name, body, field) => {
      const before = emulator.state.pullTasks.size;
      const response = await pull(body);
      expect([response.status, response.body.error.code]).toEqual([400, "invalid_request"]);
      expect(response.body.error.details.map((issue: { path: string[] }) => issue.path.join("."))).toEqual([
        `body.${field}`,
      ]);
      expect(emulator.state.pullTasks.size).toBe(before);
    });

    test("exactly 250 and 1,000 characters are accepted", async () => {
      const response = await pull({
        mediaUrl: "http://203.0.113.7/limits.mp4",
        sourceContext: long(250),
        sessionContext: long(1000),
      });
      expect(response.status).toBe(201);
      expect(response.body.sourceContext).toBe(long(250));
    });
  });

  test("what VOD refuses maps as every VOD call does: vod_rejected 400, vod_error 502", async () => {
    const region = await pull({ mediaUrl: origin.url("/a.mp4"), storageRegion: "not a region" });
    expect([region.status, region.body.error.code]).toEqual([400, "vod_rejected"]);
    const type = await pull({ mediaUrl: origin.url("/a.mp4"), mediaType: "xyz" });
    expect([type.status, type.body.error.code]).toEqual([502, "vod_error"]);
    expect(type.body.error.details).toMatchObject({ action: "PullUpload", vodCode: "FailedOperation.MediaType" });
  });
});

test("without VOD credentials the route answers 503 vod_not_configured", async () => {
  const bare = await startTestApp();
  try {
    const response = await request(bare.app)
      .post("/v1/uploads/pull")
      .set("Authorization", `Bearer ${bare.apiToken}`)
      .send({ mediaUrl: "https://example.com/a.mp4" });
    expect([response.status, response.body.error.code]).toEqual([503, "vod_not_configured"]);
    expect(await bare.db.prisma.upload.count()).toBe(0);
  } finally {
    await bare.close();
  }
});
