// From real callbacks to what a player reads (issue 14), the whole path: a task flow's result posted to the callback
// route, normalised, written by the hot-path statement to UploadOutput / UploadTask, answered by the status GET and
// the admin timeline. Payloads (test/fixtures/SOURCES.md): v3/procedure-finish-outputs — a real callback kept in an
// open-source app, with the Transcode result of Tencent's ProcedureStateChanged page; legacy/procedure-state-changed-
// outputs and legacy/transcode-complete — the archived 2017 pages' examples. Each is re-aimed at a fresh FileId.
import request from "supertest";
import { loadFixture } from "../fixtures/load-fixture.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
const get = (path: string, token: string) => request(t.app).get(path).set("Authorization", `Bearer ${token}`);
const statusOf = async (fileId: string) => (await get(`/v1/uploads/${fileId}`, t.apiToken).expect(200)).body;

const v3Folder = "http://1305819496.vod2.myqcloud.com/ee2c0b58vodtranscq1305819496/f0e32f023701925920477195402";
const v3TaskId = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";

function v3ProcedureWithOutputs(fileId: string): Record<string, any> {
  const body = loadFixture("v3/procedure-finish-outputs") as Record<string, any>;
  body.ProcedureStateChangeEvent.FileId = fileId;
  return body;
}

describe("a v3 ProcedureStateChanged with every output kind", () => {
  test("answers its outputs grouped for a player, the HLS stream as playback", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3ProcedureWithOutputs(fileId));
    const upload = await statusOf(fileId);
    expect(upload.status).toBe("PROCESSED");
    expect(upload.ready).toEqual({ playable: true, complete: true, publishable: true });
    const { outputs } = upload;
    expect(outputs.playback).toEqual({
      url: `${v3Folder}/adp.10.m3u8`,
      kind: "adaptive",
      format: "hls",
      definition: 10,
    });
    expect(outputs.coverUrl).toBe(`${v3Folder}/coverBySnapshot/coverBySnapshot_10_0.jpg`);
    expect(outputs.renditions).toEqual([
      expect.objectContaining({
        url: `${v3Folder}/v.f20.mp4`,
        container: "mov,mp4,m4a,3gp,3g2,mj2",
        width: 640,
        height: 480,
        bitrate: 552218,
        size: 4189073,
        duration: 60.04700088501,
        md5: "eff7031ad7877865f9a3240e9ab165ad",
        taskId: v3TaskId,
      }),
    ]);
    // FinishTime "0000-00-00T00:00:00Z" in the real callback is no time at all.
    expect(outputs.adaptive).toEqual([
      {
        definition: 10,
        package: "HLS",
        drmType: null,
        url: `${v3Folder}/adp.10.m3u8`,
        taskId: v3TaskId,
        finishedAt: null,
      },
    ]);
    expect(outputs.snapshots).toEqual([
      expect.objectContaining({
        kind: "snapshot",
        definition: 10,
        images: [3, 6, 9].map((timeOffset, n) => ({ timeOffset, url: `${v3Folder}/xxx${n + 1}.jpg` })),
      }),
      expect.objectContaining({
        kind: "sampleSnapshot",
        definition: 10,
        images: [1, 2, 3].map((n) => ({ timeOffset: null, url: `${v3Folder}/xxx${n}.jpg` })),
      }),
    ]);
    expect(outputs.sprites).toEqual([
      expect.objectContaining({
        definition: 10,
        imageUrls: [`${v3Folder}/imageSprite/imageSprite_10_0.jpg`],
        webVttUrl: `${v3Folder}/imageSprite/imageSprite_10.vtt`,
      }),
    ]);
    expect(outputs.animatedGraphics).toEqual([]);
    expect(upload).toMatchObject({ sessionContext: '{"orderId":1001}', sessionId: "order-1001-procedure" });
  });

  test("keeps the same outputs and task when the callback is delivered again", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3ProcedureWithOutputs(fileId));
    const first = await statusOf(fileId);
    const again = await request(t.app).post(t.callbackPath).send(v3ProcedureWithOutputs(fileId)).expect(200);
    expect(again.body.outcome).toBe("duplicate");
    expect((await statusOf(fileId)).outputs).toEqual(first.outputs);
  });

  test("shows the task flow with its subtasks in the admin timeline", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId, (body) => (body.FileUploadEvent.ProcedureTaskId = v3TaskId)));
    await deliver(v3ProcedureWithOutputs(fileId));
    const { body } = await get(`/admin/uploads/${fileId}/events`, t.adminToken).expect(200);
    const flow = body.tasks.find((task: { taskId: string }) => task.taskId === v3TaskId);
    expect(flow).toMatchObject({ kind: "Procedure", status: "FINISH", failed: false });
    expect(flow.subtasks.map((subtask: { type: string }) => subtask.type).sort()).toEqual(
      [
        "AdaptiveDynamicStreaming",
        "CoverBySnapshot",
        "ImageSprites",
        "SampleSnapshot",
        "SnapshotByTimeOffset",
        "Transcode",
      ].sort(),
    );
    expect(body.upload.outputs.playback.kind).toBe("adaptive");
  });
});

describe("the 2017 format", () => {
  test("a running ProcedureStateChanged answers the transcode it finished, and is not complete", async () => {
    const fileId = newFileId();
    const body = loadFixture("legacy/procedure-state-changed-outputs") as Record<string, any>;
    body.data.fileId = fileId;
    await deliver(body);
    const upload = await statusOf(fileId);
    const at = "http://125xx.vod2.myqcloud.com";
    expect(upload.ready).toEqual({ playable: true, complete: false, publishable: true });
    expect(upload.outputs.playback).toEqual(
      expect.objectContaining({
        url: `${at}/9fcd41e6vodgzp1251953760/7585975f9031868222912340/f20.mp4`,
        kind: "transcode",
      }),
    );
    expect(upload.outputs.coverUrl).toBe(`${at}/vodtrans125xx/14508071098244929440/shotup/xx1.png`);
    expect(upload.outputs.snapshots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "snapshot",
          images: [300, 400].map((timeOffset) => expect.objectContaining({ timeOffset })),
        }),
        expect.objectContaining({ kind: "sampleSnapshot", images: expect.arrayContaining([expect.anything()]) }),
      ]),
    );
  });

  test("a TranscodeComplete answers every play URL, the tallest as playback", async () => {
    const fileId = newFileId();
    const body = loadFixture("legacy/transcode-complete") as Record<string, any>;
    body.data.fileId = fileId;
    await deliver(body);
    const { outputs } = await statusOf(fileId);
    const at = "http://vcloud1203.tc.qq.com/1203_8a5015084d4f47cd9a0bc5ecfe78aecb";
    expect(outputs.renditions.map((rendition: { url: string }) => rendition.url).sort()).toEqual(
      ["f0.mp4", "f10.mp4", "f20.mp4", "f220.av.m3u8", "f30.mp4", "f40.mp4"].map((name) => `${at}.${name}`).sort(),
    );
    expect(outputs.playback).toEqual({ url: `${at}.f40.mp4`, kind: "transcode", format: "mp4", definition: 40 });
    expect(outputs.coverUrl).toBe("http://p.qpic.cn/videoyun/0/1203_8a5015084d4f47cd9a0bc5ecfe78aecb_1/640");
  });
});
