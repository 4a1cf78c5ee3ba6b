// POST /callbacks/vod on a real database, with real VOD payloads of both formats (DESIGN §6).
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import {
  legacyFileDeleted,
  legacyNewFileUpload,
  legacyProcedure,
  v3FileDeleted,
  v3NewFileUpload,
  v3Procedure,
} from "../support/vod-payloads.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { newFileId } from "../support/vod-event-factory.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (body: unknown, path = t.callbackPath) =>
  request(t.app)
    .post(path)
    .send(body as object);
const eventsOf = (fileId: string) => t.db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { id: "asc" } });
const uploadOf = (fileId: string) => t.db.prisma.upload.findUnique({ where: { fileId } });

describe("POST /callbacks/vod with the current (v3) format", () => {
  test("stores a NewFileUpload with its FileId, URL, SourceContext, task-flow id and metadata, and answers applied", async () => {
    const body = v3NewFileUpload();
    const fileId = body.FileUploadEvent.FileId;
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ outcome: "applied", fileId, status: "UPLOADED" });
    expect(await uploadOf(fileId)).toMatchObject({
      status: "UPLOADED",
      mediaUrl: body.FileUploadEvent.MediaBasicInfo.MediaUrl,
      sourceContext: "order-1001",
      sourceType: "Upload",
      procedureTaskId: body.FileUploadEvent.ProcedureTaskId,
      name: body.FileUploadEvent.MediaBasicInfo.Name,
      mediaType: "mp4",
      storageRegion: body.FileUploadEvent.MediaBasicInfo.StorageRegion,
      metadata: expect.objectContaining({
        size: body.FileUploadEvent.MetaData.Size,
        duration: body.FileUploadEvent.MetaData.Duration,
      }),
    });
    const [event] = await eventsOf(fileId);
    expect(event).toMatchObject({
      eventType: "NewFileUpload",
      format: "v3",
      channel: "push",
      outcome: "applied",
      payload: null, // kept as the text received (record-events-param.ts), not rebuilt as jsonb
      payloadText: JSON.stringify(body),
    });
  });

  test("follows the task flow to PROCESSED", async () => {
    const fileId = newFileId();
    await post(v3NewFileUpload(fileId)).expect(200);
    expect((await post(v3Procedure(fileId, "processing"))).body).toMatchObject({
      outcome: "applied",
      status: "PROCESSING",
    });
    expect((await post(v3Procedure(fileId, "success"))).body).toMatchObject({
      outcome: "applied",
      status: "PROCESSED",
    });
    expect(await uploadOf(fileId)).toMatchObject({
      status: "PROCESSED",
      procedureStatus: "FINISH",
      processedAt: expect.any(Date),
    });
  });

  test("ends FAILED when a subtask of the task flow failed", async () => {
    const fileId = newFileId();
    await post(v3NewFileUpload(fileId)).expect(200);
    expect((await post(v3Procedure(fileId, "failed"))).body).toMatchObject({ outcome: "applied", status: "FAILED" });
  });

  test("keeps a task-flow result that arrives before its NewFileUpload, and fills the upload in later", async () => {
    const fileId = newFileId();
    expect((await post(v3Procedure(fileId, "success"))).body).toMatchObject({ status: "PROCESSED" });
    expect((await post(v3NewFileUpload(fileId))).body).toMatchObject({ status: "PROCESSED" });
    expect(await uploadOf(fileId)).toMatchObject({
      status: "PROCESSED",
      sourceContext: "order-1001",
      uploadedAt: expect.any(Date),
    });
  });

  test("marks a deleted file DELETED, and a late NewFileUpload does not bring it back", async () => {
    const fileId = newFileId();
    await post(v3NewFileUpload(fileId)).expect(200);
    expect((await post(v3FileDeleted(fileId))).body).toMatchObject({ status: "DELETED" });
    await post(v3NewFileUpload(fileId, (body) => (body.FileUploadEvent.MediaBasicInfo.Name = "again"))).expect(200);
    expect(await uploadOf(fileId)).toMatchObject({ status: "DELETED", deletedAt: expect.any(Date) });
  });

  test("records a partial delete without changing the status", async () => {
    const fileId = newFileId();
    await post(v3NewFileUpload(fileId)).expect(200);
    expect((await post(v3FileDeleted(fileId, { partial: true }))).body).toMatchObject({ status: "UPLOADED" });
    expect((await uploadOf(fileId))?.metadata).toMatchObject({
      deletedParts: [expect.objectContaining({ type: "TranscodeFiles" })],
    });
  });

  test("acknowledges a duplicate NewFileUpload without storing it twice or changing the upload", async () => {
    const body = v3NewFileUpload();
    const fileId = body.FileUploadEvent.FileId;
    await post(body).expect(200);
    const before = await uploadOf(fileId);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ outcome: "duplicate" });
    expect(await eventsOf(fileId)).toHaveLength(1);
    expect(await uploadOf(fileId)).toEqual(before);
  });

  test("stores an event type it does not apply and answers ignored", async () => {
    const body = loadFixture("v3/wechat-publish-complete");
    const response = await post(body);
    expect(response.body).toEqual({ outcome: "ignored" });
    const stored = await t.db.prisma.vodEvent.findFirst({ where: { eventType: "WechatPublishComplete" } });
    expect(stored).toMatchObject({ outcome: "ignored", payloadText: JSON.stringify(body) });
  });

  test("accepts a body sent with any content type", async () => {
    const body = v3NewFileUpload();
    const response = await request(t.app)
      .post(t.callbackPath)
      .set("Content-Type", "text/plain")
      .send(JSON.stringify(body));
    expect(response.body).toMatchObject({ outcome: "applied" });
  });
});

describe("POST /callbacks/vod with the 2017 (version 4.0) format", () => {
  test("stores a NewFileUpload with its ServerUpload source type and SourceContext", async () => {
    const body = legacyNewFileUpload();
    const fileId = body.data.fileId;
    expect((await post(body)).body).toEqual({ outcome: "applied", fileId, status: "UPLOADED" });
    expect(await uploadOf(fileId)).toMatchObject({
      mediaUrl: body.data.fileUrl,
      sourceContext: body.data.sourceContext,
      procedureTaskId: body.data.procedureTaskId,
    });
    expect((await eventsOf(fileId))[0]).toMatchObject({ format: "legacy", eventType: "NewFileUpload" });
  });

  test("applies a ProcedureStateChanged whose task-flow id is data.vodTaskId", async () => {
    const fileId = newFileId();
    await post(legacyNewFileUpload(fileId)).expect(200);
    const body = legacyProcedure(fileId);
    expect((await post(body)).body).toMatchObject({
      outcome: "applied",
      status: body.data.processTaskList.some((task: { status: string }) => task.status === "FAIL")
        ? "FAILED"
        : "PROCESSED",
    });
    expect((await eventsOf(fileId))[1]).toMatchObject({ procedureTaskId: body.data.vodTaskId });
  });

  test("applies a FileDeleted", async () => {
    const fileId = newFileId();
    await post(legacyNewFileUpload(fileId)).expect(200);
    expect((await post(legacyFileDeleted(fileId))).body).toMatchObject({ status: "DELETED" });
  });

  test("accepts version as the number 4", async () => {
    const body = { ...legacyNewFileUpload(), version: 4 };
    expect((await post(body)).body).toMatchObject({ outcome: "applied" });
  });

  test("keeps the same upload arriving in both formats as two events converging on one upload", async () => {
    const fileId = newFileId();
    await post(v3NewFileUpload(fileId)).expect(200);
    await post(legacyNewFileUpload(fileId)).expect(200);
    expect(await eventsOf(fileId)).toHaveLength(2);
    expect(await t.db.prisma.upload.count({ where: { fileId } })).toBe(1);
  });
});

describe("POST /callbacks/vod with bad input", () => {
  test("answers 400 to malformed JSON and stores nothing", async () => {
    const before = await t.db.prisma.vodEvent.count();
    const response = await request(t.app)
      .post(t.callbackPath)
      .set("Content-Type", "application/json")
      .send('{"EventType": "NewFileUpload",');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_json");
    expect(await t.db.prisma.vodEvent.count()).toBe(before);
  });

  test("answers 400 to JSON that is not an object", async () => {
    const response = await request(t.app).post(t.callbackPath).set("Content-Type", "application/json").send("[1,2]");
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_json");
  });

  test("answers 400 to an empty body", async () => {
    expect((await request(t.app).post(t.callbackPath)).status).toBe(400);
  });

  test("answers 413 to a body over 1 MiB and stores nothing", async () => {
    const before = await t.db.prisma.vodEvent.count();
    const body = v3NewFileUpload(undefined, (b) => (b.padding = "x".repeat(1024 * 1024)));
    const response = await post(body);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
    expect(await t.db.prisma.vodEvent.count()).toBe(before);
  });

  test("answers 401 to a wrong token and to a missing one, and stores nothing", async () => {
    const body = v3NewFileUpload();
    expect((await post(body, "/callbacks/vod?token=wrong")).status).toBe(401);
    const missing = await post(body, "/callbacks/vod");
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("unauthenticated");
    expect(await eventsOf(body.FileUploadEvent.FileId)).toHaveLength(0);
  });

  test("stores an authenticated body that fails the schema as invalid, with the zod issues, and answers 200", async () => {
    const body = v3NewFileUpload(undefined, (b) => delete b.FileUploadEvent.FileId);
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(response.body.outcome).toBe("invalid");
    expect(response.body.errors.length).toBeGreaterThan(0);
    const stored = await t.db.prisma.vodEvent.findFirst({ where: { outcome: "invalid" }, orderBy: { id: "desc" } });
    expect(stored).toMatchObject({ payloadText: JSON.stringify(body), eventType: "NewFileUpload" });
    expect(stored?.error).toMatch(/FileId/);
  });

  test("stores a body jsonb cannot hold (\\u0000 in SourceContext) as text and still applies it", async () => {
    const body = v3NewFileUpload(
      undefined,
      (b) => (b.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = "a\u0000b"),
    );
    const fileId = body.FileUploadEvent.FileId;
    const response = await post(body);
    expect(response.status).toBe(200);
    const [event] = await eventsOf(fileId);
    expect(event?.payload).toBeNull();
    expect(JSON.parse(event?.payloadText ?? "null")).toEqual(body);
  });
});
