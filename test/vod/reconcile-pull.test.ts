// Reconcile of a pull upload whose PullComplete was lost: VOD (the emulator, through the real SDK) reports the pull
// task by DescribeTaskDetail (TaskType "PullUpload", PullUploadTask), and a FINISHED task we never heard of becomes
// a PullComplete event recorded through ingestEvent with channel "reconcile", in VOD's v3 shape
// (EventContent.PullCompleteEvent = PullUploadTask; Tencent's page https://www.tencentcloud.com/document/product/266/33951).
// The PENDING row is the one POST /v1/uploads/pull writes, arranged here with the pull TaskId in metadata.pullTaskId.
import { randomBytes } from "node:crypto";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { findPullTask } from "../../src/vod/find-pull-task.js";
import { pullCompleteRepair } from "../../src/vod/pull-complete-repair.js";
import { reconcileUpload } from "../../src/vod/reconcile-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startLoopbackMediaServer } from "./loopback-media-server.js";
import { storedPayload } from "../support/stored-payload.js";

const credentials = { secretId: "AKIDreconcilePull0000000000000000", secretKey: "reconcilePullSecretKey0000000000" };
let emulator: EmulatorHandle;
let vod: VodClient;
let db: TestDatabase;
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;

beforeAll(async () => {
  // No NotificationUrl: every PUSH is lost, as when VOD gives up on a callback.
  emulator = await startEmulator({ port: 0, ...credentials });
  vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  db = await createTestDatabase();
  origin = await startLoopbackMediaServer(Buffer.from("media pulled while nobody listened"));
});
afterAll(async () => {
  await origin.close();
  await emulator.close();
  await db.close();
});
afterEach(() => emulator.configure({ taskRetentionMs: 72 * 60 * 60 * 1000 }));

async function pendingPull(taskId: string) {
  return db.prisma.upload.create({
    data: {
      id: `upl_${randomBytes(8).toString("hex")}`,
      status: "PENDING",
      mediaType: "mp4",
      sourceContext: "reconcile-pull",
      metadata: { pullTaskId: taskId, mediaUrl: origin.url("/lost.mp4") },
    },
  });
}

const reconcileEvents = (taskId: string) =>
  db.prisma.vodEvent
    .findMany({
      where: { eventType: "PullComplete", channel: "reconcile" },
      orderBy: { id: "asc" },
    })
    .then((events) => events.filter((event) => JSON.stringify(storedPayload(event)).includes(taskId)));

describe("reconcile of a pull upload", () => {
  test("records the lost PullComplete from DescribeTaskDetail, once, in VOD's v3 shape", async () => {
    const { TaskId } = await vod.PullUpload({ MediaUrl: origin.url("/lost.mp4"), SourceContext: "reconcile-pull" });
    await waitUntil(() => emulator.state.pullTasks.get(TaskId!)?.fileId);
    const fileId = emulator.state.pullTasks.get(TaskId!)!.fileId;
    const upload = await pendingPull(TaskId!);

    const result = await reconcileUpload({ db, vod }, { upload, fileId: null });
    expect(result.events.map((event) => event.eventType)).toContain("PullComplete");
    expect(result.vod).toMatchObject({ taskId: TaskId, taskStatus: "FINISH" });
    const [stored] = await reconcileEvents(TaskId!);
    expect(stored).toMatchObject({ format: "v3", channel: "reconcile" });
    const payload = storedPayload(stored);
    expect(payload).toMatchObject({
      EventType: "PullComplete",
      Reconcile: { from: "DescribeTaskDetail" },
      PullCompleteEvent: {
        TaskId,
        Status: "FINISH",
        ErrCode: 0,
        FileId: fileId,
        MediaBasicInfo: { SourceInfo: { SourceContext: "reconcile-pull" } },
      },
    });
    expect(payload.PullCompleteEvent.FileUrl).toBe(emulator.state.media.get(fileId)!.mediaUrl);

    const again = await reconcileUpload({ db, vod }, { upload, fileId: null });
    expect(
      again.events.filter((event) => event.eventType === "PullComplete").map((event) => event.result.outcome),
    ).not.toContain("applied");
    expect(await reconcileEvents(TaskId!)).toHaveLength(1);
  });

  test("records a failed pull's PullComplete with its ErrCode 60000 and no FileId", async () => {
    const { TaskId } = await vod.PullUpload({ MediaUrl: "http://203.0.113.9/gone.mp4" });
    await waitUntil(() => emulator.state.pullTasks.get(TaskId!)?.finishAt);
    await reconcileUpload({ db, vod }, { upload: await pendingPull(TaskId!), fileId: null });
    const [stored] = await reconcileEvents(TaskId!);
    const event = storedPayload(stored).PullCompleteEvent;
    expect(event).toMatchObject({ TaskId, Status: "FINISH", ErrCode: 60000, FileId: "" });
    // DescribeTaskDetail says MediaBasicInfo: null; a callback leaves null members out, and so does the repair.
    expect(event).not.toHaveProperty("MediaBasicInfo");
  });

  test("records nothing while VOD is still pulling, and says the upload is in sync", async () => {
    const { TaskId } = await vod.PullUpload({ MediaUrl: origin.url("/slow/still-pulling.mp4") });
    await waitUntil(() => origin.requests.includes("/slow/still-pulling.mp4"));
    const result = await reconcileUpload({ db, vod }, { upload: await pendingPull(TaskId!), fileId: null });
    expect(result).toMatchObject({ outcome: "in_sync", events: [], vod: { taskStatus: "PROCESSING" } });
    origin.release();
  });

  test("learns nothing from a pull task VOD no longer reports (older than 3 days)", async () => {
    const { TaskId } = await vod.PullUpload({ MediaUrl: origin.url("/old.mp4") });
    await waitUntil(() => emulator.state.pullTasks.get(TaskId!)?.fileId);
    emulator.configure({ taskRetentionMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await findPullTask(vod, { taskId: TaskId!, subAppId: undefined })).toBeNull();
    const result = await reconcileUpload({ db, vod }, { upload: await pendingPull(TaskId!), fileId: null });
    expect(result).toMatchObject({ outcome: "unverifiable", events: [], vod: null });
    expect(await reconcileEvents(TaskId!)).toEqual([]);
  });
});

describe("pullCompleteRepair", () => {
  test("is null for a task still PROCESSING", () => {
    expect(pullCompleteRepair({ TaskId: "1-Pull-a", Status: "PROCESSING", ErrCode: 0 })).toBeNull();
  });
});
