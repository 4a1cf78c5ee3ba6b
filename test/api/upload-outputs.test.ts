// GET /v1/uploads/:ref answers what VOD made of an upload (issue 14): outputs grouped for a player, the playback
// choice, the cover, ready {playable, complete} and the session fields. Uploads arrive through the callback route;
// outputs and tasks are seeded as the hot-path statement writes them (test/support/seed-outputs.ts, shapes from
// the real callback test/fixtures/v3/procedure-finish-outputs.json and docs/vod-events.md §11.2), so each test names
// exactly what it reads. test/api/outputs-end-to-end.test.ts takes the whole path from real callbacks.
import request from "supertest";
import { loadFixture } from "../fixtures/load-fixture.js";
import { seedOutputs, seedTasks, taskFlowOutputs, vodFolder } from "../support/seed-outputs.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const api = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
const taskId = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";

async function uploaded(patch: (body: Record<string, any>) => void = () => undefined): Promise<string> {
  const fileId = newFileId();
  await deliver(v3NewFileUpload(fileId, patch));
  return fileId;
}

async function statusOf(fileId: string) {
  const response = await api(`/v1/uploads/${fileId}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe("outputs", () => {
  test("answers every output kind of a task flow, grouped for a player", async () => {
    const fileId = await uploaded();
    await seedOutputs(t.db, fileId, taskFlowOutputs(fileId, taskId));
    const at = vodFolder(fileId);
    const made = { taskId, finishedAt: "2026-11-30T09:10:00.120Z" };
    expect((await statusOf(fileId)).outputs).toEqual({
      playback: { url: `${at}/adp.10.m3u8`, kind: "adaptive", format: "hls", definition: 10 },
      coverUrl: `${at}/coverBySnapshot/coverBySnapshot_10_0.jpg`,
      renditions: [
        {
          definition: 100020,
          url: `${at}/v.f100020.mp4`,
          container: "mov,mp4,m4a,3gp,3g2,mj2",
          width: 640,
          height: 480,
          bitrate: 552218,
          size: 4189073,
          duration: 60.04700088501,
          md5: "eff7031ad7877865f9a3240e9ab165ad",
          ...made,
        },
      ],
      adaptive: [{ definition: 10, package: "HLS", drmType: null, url: `${at}/adp.10.m3u8`, ...made }],
      snapshots: [
        {
          kind: "snapshot",
          definition: 10,
          images: [3, 6, 9].map((timeOffset, n) => ({ timeOffset, url: `${at}/xxx${n + 1}.jpg` })),
          ...made,
        },
        {
          kind: "sampleSnapshot",
          definition: 10,
          images: [1, 2, 3].map((n) => ({ timeOffset: null, url: `${at}/xxx${n}.jpg` })),
          ...made,
        },
      ],
      sprites: [
        {
          definition: 10,
          imageUrls: [`${at}/imageSprite/imageSprite_10_0.jpg`],
          webVttUrl: `${at}/imageSprite/imageSprite_10.vtt`,
          ...made,
        },
      ],
      animatedGraphics: [
        {
          definition: 20000,
          url: `${at}/animatedGraphic/v.f20000.gif`,
          container: "gif",
          width: 320,
          height: 180,
          size: 204800,
          duration: 3,
          ...made,
        },
      ],
    });
  });

  test("answers empty lists and the source file as playback when VOD made nothing", async () => {
    const fileId = await uploaded();
    const upload = await statusOf(fileId);
    expect(upload.outputs).toEqual({
      playback: { url: upload.mediaUrl, kind: "source", format: "mp4", definition: null },
      coverUrl: null,
      renditions: [],
      adaptive: [],
      snapshots: [],
      sprites: [],
      animatedGraphics: [],
    });
    expect(upload.ready).toEqual({ playable: true, complete: true, publishable: true });
  });

  test("does not answer the outputs of another file", async () => {
    const [mine, other] = [await uploaded(), await uploaded()];
    await seedOutputs(t.db, other, taskFlowOutputs(other, taskId));
    expect((await statusOf(mine)).outputs.renditions).toEqual([]);
  });
});

describe("playback", () => {
  test("is the HLS stream over DASH and transcodes, the lowest template id without DRM first", async () => {
    const fileId = await uploaded();
    const at = vodFolder(fileId);
    await seedOutputs(t.db, fileId, [
      { kind: "transcode", definition: 100030, url: `${at}/v.f100030.mp4`, height: 720, bitrate: 1_500_000 },
      { kind: "adaptive", definition: 20, url: `${at}/adp.20.mpd`, details: { package: "DASH" } },
      { kind: "adaptive", definition: 10, url: `${at}/adp.10.m3u8`, drmType: "SimpleAES", details: { package: "HLS" } },
      { kind: "adaptive", definition: 30, url: `${at}/adp.30.m3u8`, drmType: "", details: { package: "HLS" } },
      { kind: "adaptive", definition: 40, url: `${at}/adp.40.m3u8`, drmType: "", details: { package: "HLS" } },
    ]);
    expect((await statusOf(fileId)).outputs.playback).toEqual({
      url: `${at}/adp.30.m3u8`,
      kind: "adaptive",
      format: "hls",
      definition: 30,
    });
  });

  test("is the DASH stream when there is no HLS one", async () => {
    const fileId = await uploaded();
    const at = vodFolder(fileId);
    await seedOutputs(t.db, fileId, [
      { kind: "transcode", definition: 100030, url: `${at}/v.f100030.mp4`, height: 720 },
      { kind: "adaptive", definition: 20, url: `${at}/adp.20.mpd`, details: { package: "DASH" } },
    ]);
    expect((await statusOf(fileId)).outputs.playback).toMatchObject({ kind: "adaptive", format: "dash" });
  });

  test("is the tallest transcode, then the highest bitrate, when there is no stream", async () => {
    const fileId = await uploaded();
    const at = vodFolder(fileId);
    await seedOutputs(t.db, fileId, [
      { kind: "transcode", definition: 100010, url: `${at}/v.f100010.mp4`, height: 360, bitrate: 400_000 },
      { kind: "transcode", definition: 100040, url: `${at}/v.f100040.mp4`, height: 720, bitrate: 900_000 },
      { kind: "transcode", definition: 100030, url: `${at}/v.f100030.mp4`, height: 720, bitrate: 1_500_000 },
      { kind: "cover", definition: 10, url: `${at}/cover.jpg` },
    ]);
    const { outputs } = await statusOf(fileId);
    expect(outputs.playback).toEqual({
      url: `${at}/v.f100030.mp4`,
      kind: "transcode",
      format: "mp4",
      definition: 100030,
    });
    expect(outputs.renditions.map((rendition: { definition: number }) => rendition.definition)).toEqual([
      100010, 100030, 100040,
    ]);
  });

  test("is none once the file is DELETED, while its outputs stay listed", async () => {
    const fileId = await uploaded();
    await seedOutputs(t.db, fileId, taskFlowOutputs(fileId, taskId));
    await deliver(v3FileDeleted(fileId));
    const upload = await statusOf(fileId);
    expect(upload.status).toBe("DELETED");
    expect(upload.outputs.playback).toBeNull();
    expect(upload.outputs.renditions).toHaveLength(1);
    expect(upload.ready.playable).toBe(false);
  });
});

describe("coverUrl", () => {
  const withCover = (body: Record<string, any>) =>
    (body.FileUploadEvent.MediaBasicInfo.CoverUrl = "https://1256768367.vod2.myqcloud.com/uploaded-cover.jpg");

  test("is the cover subtask's over the one the upload came with", async () => {
    const fileId = await uploaded(withCover);
    const url = `${vodFolder(fileId)}/coverBySnapshot/coverBySnapshot_10_0.jpg`;
    await seedOutputs(t.db, fileId, [{ kind: "cover", definition: 10, url, taskId }]);
    const upload = await statusOf(fileId);
    expect(upload.outputs.coverUrl).toBe(url);
    // The upload's own column keeps what NewFileUpload said.
    expect(upload.coverUrl).toBe("https://1256768367.vod2.myqcloud.com/uploaded-cover.jpg");
  });

  test("is the upload's own cover when no cover subtask ran", async () => {
    const fileId = await uploaded(withCover);
    expect((await statusOf(fileId)).outputs.coverUrl).toBe("https://1256768367.vod2.myqcloud.com/uploaded-cover.jpg");
  });
});

describe("ready", () => {
  test("is complete only once every task heard of has finished", async () => {
    const fileId = await uploaded();
    await seedTasks(t.db, fileId, [
      { taskId: "1256768367-procedurev2-a", status: "FINISH" },
      { taskId: "1256768367-procedurev2-b", status: "PROCESSING" },
    ]);
    expect((await statusOf(fileId)).ready).toEqual({ playable: true, complete: false, publishable: true });
    await t.db.pool.query(`UPDATE "UploadTask" SET status = 'FINISH' WHERE "fileId" = $1`, [fileId]);
    expect((await statusOf(fileId)).ready).toEqual({ playable: true, complete: true, publishable: true });
  });

  test("counts a task flow that failed as finished", async () => {
    const fileId = await uploaded();
    await seedTasks(t.db, fileId, [{ taskId: "t-failed", status: "FINISH", failed: true, errCode: 30010 }]);
    expect((await statusOf(fileId)).ready.complete).toBe(true);
  });

  test("is incomplete while a task-flow template was asked for and nothing of it is known", async () => {
    const fileId = await uploaded((body) => (body.FileUploadEvent.ProcedureTaskId = ""));
    await t.db.pool.query(
      `UPDATE "Upload" SET procedure = 'LongVideoPreset', "procedureTaskId" = NULL WHERE "fileId" = $1`,
      [fileId],
    );
    expect((await statusOf(fileId)).ready).toEqual({ playable: true, complete: false, publishable: true });
    await seedTasks(t.db, fileId, [{ taskId: "1256768367-procedurev2-c", status: "FINISH" }]);
    expect((await statusOf(fileId)).ready).toEqual({ playable: true, complete: true, publishable: true });
  });

  test("is playable from a stream when the upload has no source URL", async () => {
    const fileId = await uploaded((body) => (body.FileUploadEvent.MediaBasicInfo.MediaUrl = ""));
    await t.db.pool.query(`UPDATE "Upload" SET "mediaUrl" = NULL WHERE "fileId" = $1`, [fileId]);
    expect((await statusOf(fileId)).ready.playable).toBe(false);
    const at = vodFolder(fileId);
    await seedOutputs(t.db, fileId, [
      { kind: "adaptive", definition: 10, url: `${at}/adp.10.m3u8`, details: { package: "HLS" } },
    ]);
    expect((await statusOf(fileId)).ready.playable).toBe(true);
  });
});

describe("session fields", () => {
  test("answers the SessionContext and SessionId a ProcedureStateChanged echoed", async () => {
    // Tencent's ProcedureTask carries SessionContext / SessionId (docs/vod-events.md §11.3); NewFileUpload has neither.
    const fileId = await uploaded();
    expect(await statusOf(fileId)).toMatchObject({ sessionContext: null, sessionId: null, derivedFrom: null });
    const body = loadFixture("v3/procedure-finish-outputs") as Record<string, any>;
    body.ProcedureStateChangeEvent.FileId = fileId;
    await deliver(body);
    expect(await statusOf(fileId)).toMatchObject({
      sessionContext: '{"orderId":1001}',
      sessionId: "order-1001-procedure",
    });
  });
});
