// Admin lookups: an upload's event timeline and one raw event, behind ADMIN_TOKENS (401 vs 403).
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import {
  legacyFileDeleted,
  legacyNewFileUpload,
  v3FileDeleted,
  v3NewFileUpload,
  v3Procedure,
} from "../support/vod-payloads.js";

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
      expect.objectContaining({
        eventType: "ProcedureStateChanged",
        outcome: "applied",
        channel: "push",
        format: "v3",
      }),
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

  test("shows a FileDeleted of several files in the timeline of each of them, in both formats", async () => {
    const v3Files = [newFileId(), newFileId(), newFileId()];
    const legacyFiles = [newFileId(), newFileId()];
    for (const fileId of v3Files) await deliver(v3NewFileUpload(fileId));
    for (const fileId of legacyFiles) await deliver(legacyNewFileUpload(fileId));
    const v3Delete = v3FileDeleted(v3Files[0] as string);
    v3Delete.FileDeleteEvent.FileIdSet = v3Files.slice(0, 2);
    v3Delete.FileDeleteEvent.FileDeleteResultInfo = [
      { ...v3Delete.FileDeleteEvent.FileDeleteResultInfo?.[0], FileId: v3Files[2] },
    ];
    await deliver(v3Delete);
    const legacyDelete = legacyFileDeleted(legacyFiles[0] as string);
    legacyDelete.data.fileInfo = legacyFiles.map((fileId) => ({ fileId }));
    await deliver(legacyDelete);

    for (const fileId of [...v3Files, ...legacyFiles]) {
      const { body } = await admin(`/admin/uploads/${fileId}/events`).expect(200);
      expect({
        fileId,
        status: body.upload.status,
        events: body.events.map((e: { eventType: string }) => e.eventType),
      }).toEqual({ fileId, status: "DELETED", events: ["NewFileUpload", "FileDeleted"] });
    }
    // One event, stored once: every timeline points at the same row, and the event list's fileId filter finds it.
    const ids = await Promise.all(
      v3Files.map(async (fileId) => (await admin(`/admin/uploads/${fileId}/events`)).body.events[1].id),
    );
    expect(new Set(ids).size).toBe(1);
    for (const fileId of v3Files) {
      const { body } = await admin(`/admin/events?fileId=${fileId}`).expect(200);
      expect(body.items.map((e: { eventType: string }) => e.eventType)).toEqual(["FileDeleted", "NewFileUpload"]);
      const filtered = await admin(`/admin/events?fileId=${fileId}&eventType=NewFileUpload`).expect(200);
      expect(filtered.body.items).toHaveLength(1);
    }
  });

  test("pages a timeline that mixes its own events and events naming it among others, without gaps or repeats", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    for (let n = 0; n < 3; n += 1) {
      const other = newFileId();
      await deliver(v3NewFileUpload(other));
      const both = v3FileDeleted(other, { partial: true }); // partial deletes: the file stays, events keep coming
      both.FileDeleteEvent.FileIdSet = [other, fileId];
      both.FileDeleteEvent.FileDeleteResultInfo = (both.FileDeleteEvent.FileDeleteResultInfo ?? []).flatMap(
        (info: object) => [
          { ...info, FileId: other },
          { ...info, FileId: fileId },
        ],
      );
      await deliver(both);
      await deliver(v3Procedure(fileId, (["processing", "success", "failed"] as const)[n]));
    }
    const all = (await admin(`/admin/uploads/${fileId}/events?limit=100`)).body.events.map((e: { id: string }) => e.id);
    expect(all).toHaveLength(7);
    const paged: string[] = [];
    for (let cursor: string | null = ""; cursor !== null;) {
      const { body }: { body: { events: Array<{ id: string }>; nextCursor: string | null } } = await admin(
        `/admin/uploads/${fileId}/events?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      ).expect(200);
      paged.push(...body.events.map((e) => e.id));
      cursor = body.nextCursor;
    }
    expect(paged).toEqual(all);
    expect([...all].sort((a, b) => Number(BigInt(a) - BigInt(b)))).toEqual(all);
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
    // As text, byte for byte what VOD sent (supertest sent JSON.stringify(body)); parsed beside it.
    expect(response.body).toMatchObject({
      eventType: "NewFileUpload",
      payload: body,
      payloadText: JSON.stringify(body),
    });
  });

  test("answers 400 to a non-numeric id and 404 to an unknown one", async () => {
    expect((await admin("/admin/events/abc")).status).toBe(400);
    expect((await admin("/admin/events/999999999")).status).toBe(404);
  });
});
