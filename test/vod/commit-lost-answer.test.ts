// POST /v1/uploads/:ref/commit when VOD commits but its answer is lost (the emulator closes the connection after
// CommitUpload took effect): CommitUpload is not repeated behind the caller's back, nothing says "rejected", and
// the one PENDING row gets its FileId once VOD's NewFileUpload has arrived — on the app's next commit, or by the
// reconcile sweep without anyone asking.
import request from "supertest";
import { randomBytes } from "node:crypto";
import type { EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { reconcileSweep } from "../../src/vod/reconcile-sweep.js";
import type { VodClient } from "../../src/vod/client.js";
import { putUploadBytes } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import type { TestApp } from "../support/test-app.js";

const credentials = { secretId: "AKIDlostCommit0000000000000000000", secretKey: "lostCommitSecretKey0000000000000" };
let t: TestApp;
let emulator: EmulatorHandle;
let vod: VodClient;
let setup: ServiceWithEmulator;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials);
  ({ t, emulator, vod } = setup);
});
afterAll(() => setup.close());

const api = {
  post: (path: string, body: object = {}) =>
    request(t.app).post(path).set("Authorization", `Bearer ${t.apiToken}`).send(body),
  get: (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`),
};

/** ApplyUpload through the service and the bytes to COS: a PENDING upload ready to commit. */
async function pendingUpload(): Promise<{ id: string; sourceContext: string }> {
  const sourceContext = `lost-${randomBytes(6).toString("hex")}`;
  const started = await api.post("/v1/uploads", { mediaType: "mp4", mediaName: "lesson", sourceContext });
  expect(started.status).toBe(201);
  const { storage } = started.body;
  await putUploadBytes(storage, emulator.cosDomain);
  return { id: started.body.upload.id, sourceContext };
}

/** Commits with the answer lost and the NewFileUpload push lost too; returns that NewFileUpload for a late delivery. */
async function commitWithLostAnswer(id: string): Promise<{ response: request.Response; newFileUpload: object }> {
  const pushesBefore = emulator.state.deliveries.length;
  expect(emulator.configure({ dropNextCommitAnswers: 1, dropNextPushes: 1 }).ok).toBe(true);
  const response = await api.post(`/v1/uploads/${id}/commit`);
  expect(emulator.state.settings).toMatchObject({ dropNextCommitAnswers: 0 });
  const dropped = await waitUntil(() =>
    emulator.state.deliveries
      .slice(pushesBefore)
      .find((delivery) => delivery.eventType === "NewFileUpload" && delivery.outcome === "dropped"),
  );
  return { response, newFileUpload: dropped.body };
}

const deliverLate = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
const rowsOf = (sourceContext: string) => t.db.prisma.upload.findMany({ where: { sourceContext } });

describe("a CommitUpload whose answer is lost", () => {
  test("answers 502 vod_outcome_unknown, commits once, and leaves one PENDING row", async () => {
    const { id, sourceContext } = await pendingUpload();
    const { response } = await commitWithLostAnswer(id);
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({
      code: "vod_outcome_unknown",
      details: { action: "CommitUpload", outcome: "unknown" },
    });
    const committedSessions = [...emulator.state.sessions.values()].filter(
      (s) => s.sourceContext === sourceContext && s.committed,
    );
    expect(committedSessions).toHaveLength(1);
    const rows = await rowsOf(sourceContext);
    expect(rows).toMatchObject([{ id, status: "PENDING", fileId: null, metadata: { commitOutcome: "unknown" } }]);
  });

  test("a repeated commit that VOD refuses as a spent session answers outcome unknown, not vod_rejected", async () => {
    const { id, sourceContext } = await pendingUpload();
    await commitWithLostAnswer(id);
    const again = await api.post(`/v1/uploads/${id}/commit`);
    expect(again.status).toBe(502);
    expect(again.body.error).toMatchObject({
      code: "vod_outcome_unknown",
      details: { action: "CommitUpload", vodCode: "InvalidParameterValue.VodSessionKey", outcome: "unknown" },
    });
    expect(await rowsOf(sourceContext)).toMatchObject([{ id, status: "PENDING", fileId: null }]);
  });

  test("once the NewFileUpload has arrived, the next commit answers the upload with VOD's FileId, in one row", async () => {
    const { id, sourceContext } = await pendingUpload();
    const { newFileUpload } = await commitWithLostAnswer(id);
    await deliverLate(newFileUpload);
    const fileId = (newFileUpload as { FileUploadEvent: { FileId: string } }).FileUploadEvent.FileId;

    const again = await api.post(`/v1/uploads/${id}/commit`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id,
      fileId,
      status: "UPLOADED",
      sourceContext,
      mediaUrl: expect.stringContaining(fileId),
    });
    expect(again.body.metadata).not.toHaveProperty("commitOutcome");
    const rows = await rowsOf(sourceContext);
    expect(rows).toMatchObject([{ id, fileId, status: "UPLOADED" }]);
    expect((await api.get(`/v1/uploads/${fileId}`)).body).toMatchObject({ id, fileId });
  });

  test("the reconcile sweep gives the upload its FileId after the NewFileUpload arrived, without another commit", async () => {
    const { id, sourceContext } = await pendingUpload();
    const { newFileUpload } = await commitWithLostAnswer(id);
    await deliverLate(newFileUpload);
    const fileId = (newFileUpload as { FileUploadEvent: { FileId: string } }).FileUploadEvent.FileId;

    const report = await reconcileSweep({ db: t.db, databaseUrl: t.db.url, vod }, { olderThanMs: 0 });
    expect(report.items).toContainEqual(
      expect.objectContaining({ uploadId: id, outcome: "repaired", fileId: null, statusAfter: "UPLOADED" }),
    );
    const rows = await rowsOf(sourceContext);
    expect(rows).toMatchObject([{ id, fileId, status: "UPLOADED" }]);
  });

  test("leaves both uploads PENDING when the file VOD reported would fit either of two lost commits", async () => {
    const first = await pendingUpload();
    const { newFileUpload } = await commitWithLostAnswer(first.id);
    // A second upload, same SourceContext, name and type, whose commit answer is lost too.
    const started = await api.post("/v1/uploads", {
      mediaType: "mp4",
      mediaName: "lesson",
      sourceContext: first.sourceContext,
    });
    const { storage } = started.body;
    await putUploadBytes(storage, emulator.cosDomain, "other bytes");
    await commitWithLostAnswer(started.body.upload.id);
    await deliverLate(newFileUpload);

    for (const id of [first.id, started.body.upload.id]) {
      const again = await api.post(`/v1/uploads/${id}/commit`);
      expect([again.status, again.body.error?.details?.outcome]).toEqual([502, "unknown"]);
    }
    const pending = await t.db.prisma.upload.count({
      where: { sourceContext: first.sourceContext, status: "PENDING", fileId: null },
    });
    expect(pending).toBe(2);
  });
});
