// The app backend's status API: GET /v1/uploads/:ref and GET /v1/uploads (DESIGN §6).
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const api = (path: string, token = t.apiToken) => request(t.app).get(path).set("Authorization", `Bearer ${token}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);

async function uploaded(sourceContext: string, processed = false): Promise<string> {
  const fileId = newFileId();
  await deliver(
    v3NewFileUpload(fileId, (body) => (body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext)),
  );
  if (processed) await deliver(v3Procedure(fileId));
  return fileId;
}

describe("GET /v1/uploads/:ref", () => {
  test("answers the upload by FileId with every field of the contract", async () => {
    const fileId = await uploaded("order-77", true);
    const response = await api(`/v1/uploads/${fileId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^upl_/),
      fileId,
      status: "PROCESSED",
      sourceType: "Upload",
      sourceContext: "order-77",
      procedure: null,
      procedureTaskId: expect.any(String),
      procedureStatus: "FINISH",
      procedureErrCode: 0,
      procedureMessage: null,
      mediaUrl: expect.stringContaining("https://"),
      coverUrl: null,
      name: "lesson-01-intro",
      mediaType: "mp4",
      storageRegion: "ap-chongqing",
      subAppId: null,
      metadata: expect.objectContaining({ size: 7700180 }),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      uploadedAt: "2024-06-10T08:12:40.000Z",
      processedAt: expect.any(String),
      deletedAt: null,
      // Echoed by the ProcedureStateChanged (SessionContext; its SessionId is "").
      sessionContext: '{"orderId":1001}',
      sessionId: null,
      derivedFrom: null,
      // Not pulled from a URL, no review asked for: publishable as soon as it is playable.
      pull: null,
      review: null,
      ready: { playable: true, complete: true, publishable: true },
      // Each field of outputs: test/api/upload-outputs.test.ts.
      outputs: expect.objectContaining({
        playback: expect.objectContaining({ url: expect.stringContaining("https://") }),
      }),
    });
  });

  test("answers the same upload by its upl_ id", async () => {
    const fileId = await uploaded("order-78");
    const { body } = await api(`/v1/uploads/${fileId}`);
    expect((await api(`/v1/uploads/${body.id}`)).body).toEqual(body);
  });

  test("answers 404 not_found for an unknown ref", async () => {
    const response = await api("/v1/uploads/999");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });

  test("answers 401 without a token or with a wrong one, and accepts an admin token", async () => {
    const fileId = await uploaded("order-79");
    expect((await request(t.app).get(`/v1/uploads/${fileId}`)).status).toBe(401);
    const wrong = await api(`/v1/uploads/${fileId}`, "nope");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthenticated");
    expect((await api(`/v1/uploads/${fileId}`, t.adminToken)).status).toBe(200);
  });
});

describe("GET /v1/uploads", () => {
  test("filters by sourceContext and status", async () => {
    const context = `ctx-${newFileId()}`;
    const processed = await uploaded(context, true);
    const plain = await uploaded(context);
    const all = await api(`/v1/uploads?sourceContext=${context}`);
    // newest updatedAt first: `plain` arrived after `processed` got its task-flow result
    expect(all.body.items.map((item: { fileId: string }) => item.fileId)).toEqual([plain, processed]);
    const onlyProcessed = await api(`/v1/uploads?sourceContext=${context}&status=PROCESSED`);
    expect(onlyProcessed.body).toEqual({ items: [expect.objectContaining({ fileId: processed })], nextCursor: null });
  });

  test("filters by procedureTaskId and updatedAfter", async () => {
    const context = `ctx-${newFileId()}`;
    const fileId = await uploaded(context);
    const { body: upload } = await api(`/v1/uploads/${fileId}`);
    const byTask = await api(
      `/v1/uploads?procedureTaskId=${encodeURIComponent(upload.procedureTaskId)}&sourceContext=${context}`,
    );
    expect(byTask.body.items).toHaveLength(1);
    const later = new Date(Date.parse(upload.updatedAt) + 1).toISOString();
    expect((await api(`/v1/uploads?sourceContext=${context}&updatedAfter=${later}`)).body.items).toHaveLength(0);
  });

  test("pages newest first with a cursor, every upload exactly once", async () => {
    const context = `ctx-${newFileId()}`;
    const fileIds: string[] = [];
    for (let i = 0; i < 5; i += 1) fileIds.push(await uploaded(context));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api(
        `/v1/uploads?sourceContext=${context}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { fileId: string }) => item.fileId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...fileIds].reverse());
  });

  test("answers 400 invalid_request to a bad limit, status or cursor", async () => {
    for (const query of ["limit=0", "limit=201", "status=DONE", "cursor=%%%", "updatedAfter=yesterday"]) {
      const response = await api(`/v1/uploads?${query}`);
      expect([query, response.status, response.body.error?.code]).toEqual([query, 400, "invalid_request"]);
    }
  });
});

describe("ops probes", () => {
  test("/healthz and /readyz answer without a token", async () => {
    expect((await request(t.app).get("/healthz")).body).toEqual({ status: "ok" });
    expect((await request(t.app).get("/readyz")).body).toEqual({ status: "ready" });
  });

  test("an unknown route answers 404 in the error shape", async () => {
    const response = await request(t.app).get("/nope");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });
});
