// Reconcile fills outputs (issue 14, item 7): against the VOD emulator in PUSH mode to our app, a file whose outputs
// we lack — its ProcedureStateChanged was lost and VOD no longer describes the task (older than DescribeTaskDetail's
// 3 days), or its events were stored before outputs were kept — gets them from DescribeMediaInfos (SDK MediaInfo
// item models, docs/vod-events.md §11.6) as one ReconcileMediaInfo event with channel "reconcile", never a direct
// write; the status and task-flow fields stay as they were, and a repeat records nothing.
import request from "supertest";
import type { VodClient } from "../../src/vod/client.js";
import { MEDIA_INFO_FILTERS } from "../../src/vod/find-vod-media.js";
import { reconcileSweep } from "../../src/vod/reconcile-sweep.js";
import { putUploadBytes } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { storedPayload } from "../support/stored-payload.js";

const credentials = { secretId: "AKIDreconcileOutputs0000000000000", secretKey: "reconcileOutputsSecretKey0000000" };
const THREE_DAYS_MS = 72 * 60 * 60 * 1000;
let setup: ServiceWithEmulator;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials, { procedureDelayMs: 100, pushRetryDelaysMs: [20] });
});
afterAll(() => setup.close());
afterEach(() => setup.emulator.configure({ dropNextPushes: 0, procedureDelayMs: 100, taskRetentionMs: THREE_DAYS_MS }));

const api = (path: string) => request(setup.t.app).get(path).set("Authorization", `Bearer ${setup.t.apiToken}`);
const reconcile = (ref: string) =>
  request(setup.t.app).post(`/admin/uploads/${ref}/reconcile`).set("Authorization", `Bearer ${setup.t.adminToken}`);
const eventsOf = (fileId: string) => setup.t.db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { id: "asc" } });
const outputRowsOf = (fileId: string) =>
  setup.t.db.prisma.uploadOutput.findMany({ where: { fileId }, orderBy: [{ kind: "asc" }, { definition: "asc" }] });
const droppedFor = (fileId: string) =>
  setup.emulator.state.deliveries.filter(
    (delivery) => delivery.outcome === "dropped" && JSON.stringify(delivery.body).includes(fileId),
  ).length;

/** An upload with a task flow through our API; its NewFileUpload arrives, its ProcedureStateChanged is lost. */
async function uploadLosingTaskEnd(): Promise<{ id: string; fileId: string }> {
  const started = await request(setup.t.app)
    .post("/v1/uploads")
    .set("Authorization", `Bearer ${setup.t.apiToken}`)
    .send({ mediaType: "mp4", procedure: "LongVideoPreset" })
    .expect(201);
  await putUploadBytes(started.body.storage, setup.emulator.cosDomain);
  const id: string = started.body.upload.id;
  setup.emulator.configure({ procedureDelayMs: 600 });
  const committed = await request(setup.t.app)
    .post(`/v1/uploads/${id}/commit`)
    .set("Authorization", `Bearer ${setup.t.apiToken}`)
    .expect(200);
  const fileId: string = committed.body.fileId;
  // NewFileUpload arrives (it names the task id); the task flow's end, 600 ms later, is the push that is lost.
  const deadline = Date.now() + 5_000;
  while ((await setup.t.db.prisma.upload.findUniqueOrThrow({ where: { id } })).procedureTaskId === null) {
    if (Date.now() > deadline) throw new Error("NewFileUpload never arrived");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  setup.emulator.configure({ dropNextPushes: 1 });
  await waitUntil(() => droppedFor(fileId) >= 1);
  return { id, fileId };
}

/** What DescribeMediaInfos answers for the file (the emulator through the real SDK). */
async function vodMedia(fileId: string) {
  const [media] = (await setup.vod.DescribeMediaInfos({ FileIds: [fileId] })).MediaInfoSet!;
  return media!;
}

describe("reconcile and outputs", () => {
  test("fills the outputs of a file whose task flow VOD no longer describes, as one ReconcileMediaInfo event, its status untouched", async () => {
    const { id, fileId } = await uploadLosingTaskEnd();
    setup.emulator.configure({ taskRetentionMs: 0 });
    const media = await vodMedia(fileId);

    const response = await reconcile(id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      outcome: "repaired",
      vod: { exists: true, taskId: null },
      before: { status: "UPLOADED" },
      after: { status: "UPLOADED", procedureStatus: null, coverUrl: media.BasicInfo!.CoverUrl },
    });
    expect(response.body.events.map((e: any) => [e.eventType, e.channel, e.outcome])).toEqual([
      ["ReconcileMediaInfo", "reconcile", "applied"],
    ]);
    const [, repair] = await eventsOf(fileId);
    expect(storedPayload(repair)).toEqual({
      EventType: "ReconcileMediaInfo",
      Reconcile: { from: "DescribeMediaInfos" },
      ReconcileMediaInfoEvent: { FileId: fileId, MediaInfo: JSON.parse(JSON.stringify(media)) },
    });

    const rows = await outputRowsOf(fileId);
    expect(rows.map((row) => [row.kind, row.definition, row.eventId])).toEqual([
      ["adaptive", 10, repair!.id],
      ["sampleSnapshot", 10, repair!.id],
      ["snapshot", 10, repair!.id],
      ["sprite", 10, repair!.id],
      ["transcode", 100010, repair!.id],
      ["transcode", 100020, repair!.id],
      ["transcode", 100030, repair!.id],
    ]);
    const { body } = await api(`/v1/uploads/${fileId}`).expect(200);
    const [stream] = media.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet;
    expect(body.outputs).toMatchObject({
      playback: { url: stream!.Url, kind: "adaptive", format: "hls" },
      coverUrl: media.BasicInfo!.CoverUrl,
      renditions: media.TranscodeInfo!.TranscodeSet.map((item) =>
        expect.objectContaining({ definition: item.Definition, url: item.Url, width: item.Width, height: item.Height }),
      ),
    });
    expect(body.ready.playable).toBe(true);

    const again = await reconcile(fileId);
    expect(again.body).toMatchObject({ outcome: "in_sync", events: [] });
    expect(await eventsOf(fileId)).toHaveLength(2);
  });

  test("records no ReconcileMediaInfo when the repaired ProcedureStateChanged brought the outputs itself", async () => {
    const { id, fileId } = await uploadLosingTaskEnd();
    const response = await reconcile(id);
    expect(response.body).toMatchObject({ outcome: "repaired", after: { status: "PROCESSED" } });
    expect(response.body.events.map((e: any) => e.eventType)).toEqual(["ProcedureStateChanged"]);
    const rows = await outputRowsOf(fileId);
    expect(rows.filter((row) => row.kind === "transcode")).toHaveLength(3);
    expect(new Set(rows.map((row) => row.taskId))).toEqual(
      new Set([setup.emulator.state.media.get(fileId)!.procedureTaskId]),
    );
  });

  test("fills a PROCESSED upload's outputs that were never kept, leaving its status and task-flow fields as they were", async () => {
    const { id, fileId } = await uploadLosingTaskEnd();
    expect((await reconcile(id)).body.outcome).toBe("repaired");
    // Outputs missing as on a deployment whose events were stored before outputs were kept.
    await setup.t.db.prisma.uploadOutput.deleteMany({ where: { fileId } });
    const before = await setup.t.db.prisma.upload.findUniqueOrThrow({ where: { id } });

    const response = await reconcile(id);
    expect(response.body.events.map((e: any) => [e.eventType, e.outcome])).toEqual([["ReconcileMediaInfo", "applied"]]);
    const after = await setup.t.db.prisma.upload.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      status: "PROCESSED",
      procedureTaskId: before.procedureTaskId,
      procedureStatus: "FINISH",
      procedureAt: before.procedureAt,
      processedAt: before.processedAt,
      uploadedAt: before.uploadedAt,
      metadata: before.metadata,
    });
    expect(await outputRowsOf(fileId)).toHaveLength(7);
  });

  test("the sweep repairs a stuck upload's outputs, asking DescribeMediaInfos with every output filter", async () => {
    const { id, fileId } = await uploadLosingTaskEnd();
    setup.emulator.configure({ taskRetentionMs: 0 });
    await setup.t.db.prisma.upload.update({ where: { id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    const filters: unknown[] = [];
    // The SDK client with its DescribeMediaInfos requests noted: what the sweep asks VOD is the point.
    const vod = new Proxy(setup.vod, {
      get: (client, name, receiver) =>
        name === "DescribeMediaInfos"
          ? (request: Parameters<VodClient["DescribeMediaInfos"]>[0]) => {
              filters.push(request.Filters);
              return client.DescribeMediaInfos(request);
            }
          : (Reflect.get(client, name, receiver) as unknown),
    });
    const report = await reconcileSweep({ db: setup.t.db, databaseUrl: setup.t.db.url, vod }, { olderThanMs: 30_000 });
    expect(report.items.find((item) => item.uploadId === id)).toMatchObject({
      outcome: "repaired",
      statusBefore: "UPLOADED",
      statusAfter: "UPLOADED",
      applied: ["ReconcileMediaInfo"],
    });
    expect(filters.length).toBeGreaterThan(0);
    for (const asked of filters) expect(asked).toEqual(MEDIA_INFO_FILTERS);
    expect(await outputRowsOf(fileId)).toHaveLength(7);
  });
});
