// Admin lookups: an upload's event timeline and one raw event, behind ADMIN_TOKENS (401 vs 403).
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const admin = (path: string, token = t.adminToken) => request(t.app).get(path).set("Authorization", `Bearer ${token}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);

describe("GET /admin/uploads/:ref/events", () => {
  test("lists what VOD sent about an upload, oldest first, with the outcome of each", async () => {
    const fileId = newFileId();
    await deliver(v3Procedure(fileId));
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3NewFileUpload(fileId)); // a duplicate is not a second event
    const response = await admin(`/admin/uploads/${fileId}/events`);
    expect(response.status).toBe(200);
    expect(response.body.upload).toMatchObject({ fileId, status: "PROCESSED" });
    expect(response.body.events).toEqual([
      expect.objectContaining({ eventType: "ProcedureStateChanged", outcome: "applied", channel: "push", format: "v3" }),
      expect.objectContaining({ eventType: "NewFileUpload", outcome: "applied" }),
    ]);
  });

  test("answers 403 to an app token and 401 to no token", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    const forbidden = await admin(`/admin/uploads/${fileId}/events`, t.apiToken);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("forbidden");
    expect((await request(t.app).get(`/admin/uploads/${fileId}/events`)).status).toBe(401);
  });

  test("answers 404 for a FileId nothing was received about", async () => {
    expect((await admin(`/admin/uploads/${newFileId()}/events`)).status).toBe(404);
  });
});

describe("GET /admin/events/:id", () => {
  test("shows the raw payload exactly as received", async () => {
    const body = v3NewFileUpload();
    const fileId = body.FileUploadEvent.FileId;
    await deliver(body);
    const { body: timeline } = await admin(`/admin/uploads/${fileId}/events`);
    const response = await admin(`/admin/events/${timeline.events[0].id}`);
    expect(response.body).toMatchObject({ eventType: "NewFileUpload", payload: body, payloadText: null });
  });

  test("answers 400 to a non-numeric id and 404 to an unknown one", async () => {
    expect((await admin("/admin/events/abc")).status).toBe(400);
    expect((await admin("/admin/events/999999999")).status).toBe(404);
  });
});
