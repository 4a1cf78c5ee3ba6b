// Pull uploads, reviews and the publishable filter on the embedded database (PGlite, the default mode when
// DATABASE_URL is unset): the pending pull row's statement (ON CONFLICT on a partial unique index, the pull-key
// expression), the review filter and the publishable rule must run there too (it reports PostgreSQL 18; we write for
// 15). Through the real SDK against the emulator, which fetches from a loopback origin and pushes PullComplete and
// ReviewAudioVideoComplete back (the emulator's own writers of VOD's shapes).
import request from "supertest";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient } from "../../src/vod/client.js";
import { listenApp } from "../support/listen-app.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { startLoopbackMediaServer } from "../vod/loopback-media-server.js";

const credentials = { secretId: "AKIDpullEmbedded00000000000000000", secretKey: "pullEmbeddedSecretKey00000000000" };
let emulator: EmulatorHandle;
let t: TestApp;
let service: { url: string; close(): Promise<void> };
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 50, pushRetryDelaysMs: [50] });
  const vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  t = await startTestApp({ mode: "embedded", vod });
  service = await listenApp(t.app);
  await vod.ModifyEventConfig({ Mode: "PUSH", NotificationUrl: `${service.url}${t.callbackPath}` });
  origin = await startLoopbackMediaServer(Buffer.from("embedded pull ".repeat(100)));
}, 60_000);
afterAll(async () => {
  await origin.close();
  await emulator.close();
  await service.close();
  await t.close();
});

const auth = () => `Bearer ${t.apiToken}`;
const get = (path: string) => request(t.app).get(path).set("Authorization", auth());

async function until(ref: string, holds: (upload: Record<string, any>) => boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { body } = await get(`/v1/uploads/${ref}`);
    if (holds(body)) return body as Record<string, any>;
    if (Date.now() > deadline) throw new Error(`upload ${ref} never matched: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

test("a pull ends UPLOADED with its FileId, a block verdict holds it back, and the filters find it", async () => {
  const sourceContext = `embedded-pull-${newFileId()}`;
  const mediaUrl = origin.url("/embedded/clip.mp4");
  const started = await request(t.app)
    .post("/v1/uploads/pull")
    .set("Authorization", auth())
    .send({ mediaUrl, sourceContext });
  expect(started.status).toBe(201);
  const task = emulator.state.pullTasks.get(started.body.taskId)!;
  const uploaded = await until(started.body.id, (upload) => upload.status === "UPLOADED");
  expect(uploaded).toMatchObject({
    fileId: task.fileId,
    sourceContext,
    pull: { taskId: task.taskId, sourceUrl: mediaUrl, errCode: null },
    review: null,
    ready: { playable: true, publishable: true },
  });

  const failed = await request(t.app)
    .post("/v1/uploads/pull")
    .set("Authorization", auth())
    .send({ mediaUrl: "http://203.0.113.7/embedded.mp4", sourceContext });
  const gone = await until(failed.body.id, (upload) => upload.status === "FAILED");
  expect(gone.pull).toMatchObject({ errCode: 60000, retryable: false });

  expect(emulator.setReviewVerdict({ fileId: task.fileId, suggestion: "block" }).ok).toBe(true);
  const blocked = await until(started.body.id, (upload) => upload.review?.status === "block");
  expect(blocked.ready).toEqual({ playable: true, complete: true, publishable: false });
  const ids = async (query: string) =>
    ((await get(`/v1/uploads?sourceContext=${sourceContext}&${query}`)).body.items as Array<{ id: string }>).map(
      (item) => item.id,
    );
  expect(await ids("review=block")).toEqual([started.body.id]);
  expect(await ids("ready=publishable")).toEqual([]);
  expect((await ids("ready=playable")).sort()).toEqual([started.body.id]);
});
