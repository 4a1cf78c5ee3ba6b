// POST /v1/uploads and POST /v1/uploads/:ref/commit against the VOD emulator: ApplyUpload → PENDING, bytes to
// COS with the temporary credentials we hand out, CommitUpload → UPLOADED, then VOD's own events move the same
// row on (never a second row).
import request from "supertest";
import type { EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient } from "../../src/vod/client.js";
import { putUploadBytes } from "../support/emulator-upload.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const credentials = { secretId: "AKIDstartUpload000000000000000000", secretKey: "startUploadSecretKey000000000000" };
let t: TestApp;
let emulator: EmulatorHandle;
let setup: ServiceWithEmulator;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials);
  ({ t, emulator } = setup);
});
afterAll(() => setup.close());

const api = () => ({
  post: (path: string, body: object = {}) =>
    request(t.app).post(path).set("Authorization", `Bearer ${t.apiToken}`).send(body),
  get: (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`),
});

async function waitForStatus(ref: string, wanted: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await api().get(`/v1/uploads/${ref}`);
    if (body.status === wanted) return body;
    if (Date.now() > deadline) throw new Error(`${ref} is ${body.status}, not ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("starting an upload through the service", () => {
  test("follows one row from PENDING through UPLOADED to PROCESSED with the SourceContext and task flow", async () => {
    const started = await api().post("/v1/uploads", {
      mediaType: "mp4",
      mediaName: "lesson-9",
      procedure: "LongVideoPreset",
      sourceContext: "order-9",
    });
    expect(started.status).toBe(201);
    expect(started.body.upload).toMatchObject({
      status: "PENDING",
      fileId: null,
      procedure: "LongVideoPreset",
      sourceContext: "order-9",
    });
    expect(started.body.storage).toMatchObject({
      bucket: expect.any(String),
      region: expect.any(String),
      mediaKey: expect.any(String),
      credentials: { token: expect.any(String) },
      expiresAt: expect.any(String),
    });
    await putUploadBytes(started.body.storage, emulator.cosDomain);

    const committed = await api().post(`/v1/uploads/${started.body.upload.id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({
      id: started.body.upload.id,
      fileId: expect.stringMatching(/^\d+$/),
      mediaUrl: expect.stringContaining("http"),
    });
    expect(["UPLOADED", "PROCESSED"]).toContain(committed.body.status);

    const done = await waitForStatus(started.body.upload.id, "PROCESSED");
    expect(done).toMatchObject({
      id: started.body.upload.id,
      sourceContext: "order-9",
      procedure: "LongVideoPreset",
      procedureTaskId: expect.any(String),
    });
    expect(await t.db.prisma.upload.count({ where: { fileId: done.fileId } })).toBe(1);
  });

  test("a retried commit answers the same upload without calling VOD again", async () => {
    const started = await api().post("/v1/uploads", { mediaType: "mp4" });
    await putUploadBytes(started.body.storage, emulator.cosDomain);
    const first = await api().post(`/v1/uploads/${started.body.upload.id}/commit`);
    expect([first.status, first.body.error]).toEqual([200, undefined]);
    const again = await api().post(`/v1/uploads/${started.body.upload.id}/commit`);
    expect(again.status).toBe(200);
    expect(again.body.fileId).toBe(first.body.fileId);
  });

  test("a commit before the bytes arrived answers 400 vod_rejected naming VOD's error code, and the upload stays PENDING", async () => {
    const started = await api().post("/v1/uploads", { mediaType: "mp4" });
    const response = await api().post(`/v1/uploads/${started.body.upload.id}/commit`);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: "vod_rejected",
      details: { action: "CommitUpload", vodCode: "ResourceNotFound" },
    });
    expect(response.body.error.message).toContain("ResourceNotFound");
    expect((await api().get(`/v1/uploads/${started.body.upload.id}`)).body.status).toBe("PENDING");
  });

  test("answers 400 invalid_request to a bad body without calling VOD", async () => {
    const response = await api().post("/v1/uploads", { mediaType: "../etc", sourceContext: "x".repeat(251) });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_request");
  });

  test("answers 502 vod_error when VOD refuses our own credentials", async () => {
    const wrongKey = createVodClient({
      secretId: credentials.secretId,
      secretKey: "wrong",
      region: "ap-guangzhou",
      endpoint: emulator.url,
    });
    const other = await startTestApp({ vod: wrongKey });
    try {
      const response = await request(other.app)
        .post("/v1/uploads")
        .set("Authorization", `Bearer ${other.apiToken}`)
        .send({ mediaType: "mp4" });
      expect(response.status).toBe(502);
      expect(response.body.error.details.vodCode).toBe("AuthFailure.SignatureFailure");
    } finally {
      await other.close();
    }
  });

  test("answers 503 vod_not_configured when no VOD credentials are set", async () => {
    const other = await startTestApp();
    try {
      const response = await request(other.app)
        .post("/v1/uploads")
        .set("Authorization", `Bearer ${other.apiToken}`)
        .send({ mediaType: "mp4" });
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe("vod_not_configured");
    } finally {
      await other.close();
    }
  });
});
