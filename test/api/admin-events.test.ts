// Admin operations on stored events: the event list, replay through the ingest path, and stats — behind
// ADMIN_TOKENS (401 without one, 403 for an app token), on a real database, with real VOD payloads.
import request from "supertest";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (path: string, token = t.adminToken) => request(t.app).get(path).set("Authorization", `Bearer ${token}`);
const replay = (id: string | bigint, token = t.adminToken) =>
  request(t.app).post(`/admin/events/${id}/replay`).set("Authorization", `Bearer ${token}`);
const deliver = (body: object) => request(t.app).post(t.callbackPath).send(body).expect(200);
const eventsOf = (fileId: string) => t.db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { id: "asc" } });
const uploadOf = (fileId: string) => t.db.prisma.upload.findUnique({ where: { fileId } });

async function firstEventOf(fileId: string) {
  const [event] = await eventsOf(fileId);
  if (!event) throw new Error(`no event stored for ${fileId}`);
  return event;
}

describe("admin authentication", () => {
  test.each([
    ["GET", "/admin/events"],
    ["POST", "/admin/events/1/replay"],
    ["GET", "/admin/stats"],
  ])("%s %s answers 401 without a token and 403 to an app token", async (method, path) => {
    const send = (token?: string) => {
      const call = method === "GET" ? request(t.app).get(path) : request(t.app).post(path);
      return token ? call.set("Authorization", `Bearer ${token}`) : call;
    };
    const missing = await send();
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("unauthenticated");
    const forbidden = await send(t.apiToken);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("forbidden");
  });
});

describe("GET /admin/events", () => {
  test("lists events newest first, without their payloads", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3Procedure(fileId));
    const response = await get(`/admin/events?fileId=${fileId}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        fileId,
        eventType: "ProcedureStateChanged",
        outcome: "applied",
        channel: "push",
        format: "v3",
      }),
      expect.objectContaining({ fileId, eventType: "NewFileUpload", outcome: "applied" }),
    ]);
    expect(Number(response.body.items[0].id)).toBeGreaterThan(Number(response.body.items[1].id));
    for (const item of response.body.items) {
      expect(item).not.toHaveProperty("payload");
      expect(item).not.toHaveProperty("payloadText");
    }
    expect(response.body.nextCursor).toBeNull();
  });

  test("filters by outcome, event type and FileId, alone or together", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3FileDeleted(fileId));
    await deliver(v3NewFileUpload(undefined, (b) => delete b.FileUploadEvent.FileId)); // stored invalid

    const byType = await get(`/admin/events?fileId=${fileId}&eventType=FileDeleted`);
    expect(byType.body.items).toEqual([expect.objectContaining({ fileId, eventType: "FileDeleted" })]);

    const invalid = await get("/admin/events?outcome=invalid&limit=200");
    expect(invalid.body.items.length).toBeGreaterThan(0);
    expect(invalid.body.items.every((item: { outcome: string }) => item.outcome === "invalid")).toBe(true);

    const none = await get(`/admin/events?fileId=${fileId}&outcome=invalid`);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  test("pages through every event exactly once, following nextCursor", async () => {
    const fileId = newFileId();
    const bodies = [
      v3NewFileUpload(fileId),
      v3Procedure(fileId, "processing"),
      v3Procedure(fileId),
      v3FileDeleted(fileId, { partial: true }),
      v3FileDeleted(fileId),
    ];
    for (const body of bodies) await deliver(body);
    const stored = (await eventsOf(fileId)).map((event) => String(event.id)).reverse();

    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/admin/events?fileId=${fileId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      pages.push(response.body.items.length);
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor !== null);

    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(stored);
  });

  test.each([
    ["a limit over 200", "limit=201"],
    ["a limit of 0", "limit=0"],
    ["an outcome events never have", "outcome=duplicate"],
    ["a cursor that is not an event id", "cursor=abc"],
    ["a filter given twice", "fileId=a&fileId=b"],
  ])("answers 400 invalid_request to %s", async (_name, query) => {
    const response = await get(`/admin/events?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_request");
  });
});

describe("POST /admin/events/:id/replay", () => {
  test("answers duplicate to the replay of an applied event and changes neither the upload nor the events", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3Procedure(fileId));
    const before = await uploadOf(fileId);
    const events = await eventsOf(fileId);

    for (const event of events) {
      const response = await replay(event.id);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ replayOf: String(event.id), outcome: "duplicate", eventId: null });
    }
    expect(await uploadOf(fileId)).toEqual(before);
    expect(await eventsOf(fileId)).toEqual(events);
  });

  test("brings back an upload whose row was lost, records the replay with channel replay, and is idempotent", async () => {
    const fileId = newFileId();
    const body = v3NewFileUpload(fileId);
    await deliver(body);
    const original = await uploadOf(fileId);
    const event = await firstEventOf(fileId);
    await t.db.prisma.upload.delete({ where: { fileId } });

    const response = await replay(event.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ replayOf: String(event.id), outcome: "applied", fileId, status: "UPLOADED" });

    const restored = await uploadOf(fileId);
    const { id: _id, updatedAt: _updatedAt, ...kept } = original ?? {};
    expect(restored).toMatchObject(kept); // the same facts, dated from the event's arrival (createdAt, uploadedAt)
    const stored = await eventsOf(fileId);
    expect(stored).toHaveLength(2);
    expect(stored[0]).toEqual(event); // the original row is history: untouched
    expect(stored[1]).toMatchObject({
      id: BigInt(response.body.eventId),
      channel: "replay",
      outcome: "applied",
      eventType: "NewFileUpload",
      payloadText: JSON.stringify(body),
    });

    const again = await replay(event.id);
    expect(again.body).toMatchObject({ outcome: "duplicate", eventId: null });
    expect(await eventsOf(fileId)).toHaveLength(2);
    expect(await uploadOf(fileId)).toEqual(restored);
  });

  test("repairs a lost upload once when the same event is replayed concurrently", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    const event = await firstEventOf(fileId);
    await t.db.prisma.upload.delete({ where: { fileId } });

    const answers = await Promise.all(Array.from({ length: 5 }, () => replay(event.id)));
    const outcomes = answers.map((answer) => answer.body.outcome).sort();
    expect(outcomes).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await uploadOf(fileId)).toMatchObject({ status: "UPLOADED" });
    expect((await eventsOf(fileId)).map((stored) => stored.channel)).toEqual(["push", "replay"]);
  });

  test("rebuilds a lost upload from its events replayed in any order, as the status rule would", async () => {
    const fileId = newFileId();
    const upload = v3NewFileUpload(fileId);
    const finished = v3Procedure(fileId);
    finished.ProcedureStateChangeEvent.TaskId = upload.FileUploadEvent.ProcedureTaskId;
    await deliver(upload);
    await deliver(finished);
    const original = await uploadOf(fileId);
    const [uploadEvent, procedureEvent] = await eventsOf(fileId);
    await t.db.prisma.upload.delete({ where: { fileId } });

    expect((await replay(procedureEvent?.id ?? 0n)).body).toMatchObject({ outcome: "applied", status: "PROCESSED" });
    expect((await replay(uploadEvent?.id ?? 0n)).body).toMatchObject({ outcome: "applied", status: "PROCESSED" });
    // The notification bookkeeping (the status before the last change, the change count) records how the row got
    // here, not what it says: replayed in another order, it differs.
    const {
      id: _id,
      createdAt: _createdAt,
      updatedAt: _updatedAt,
      notifyPrevStatus: _prev,
      notifySequence: _sequence,
      ...kept
    } = original ?? {};
    expect(await uploadOf(fileId)).toMatchObject(kept);
  });

  test("applies an event that an earlier parser stored as invalid, and keeps the invalid row as history", async () => {
    const fileId = newFileId();
    const body = v3NewFileUpload(fileId);
    const stored = await t.db.prisma.vodEvent.create({
      data: {
        dedupeKey: dedupeKey(body),
        eventType: "NewFileUpload",
        format: "v3",
        channel: "push",
        fileId,
        payload: body,
        outcome: "invalid",
        error: "refused by an older parser",
      },
    });

    const response = await replay(stored.id);
    expect(response.body).toMatchObject({ outcome: "applied", fileId, status: "UPLOADED" });
    expect(await uploadOf(fileId)).toMatchObject({
      status: "UPLOADED",
      mediaUrl: body.FileUploadEvent.MediaBasicInfo.MediaUrl,
    });
    const events = await eventsOf(fileId);
    expect(events.map((event) => [event.channel, event.outcome])).toEqual([
      ["push", "invalid"],
      ["replay", "applied"],
    ]);

    // The invalid row shows what its replay did, and the replay names what it replayed.
    const original = await request(t.app)
      .get(`/admin/events/${stored.id}`)
      .set("Authorization", `Bearer ${t.adminToken}`)
      .expect(200);
    expect(original.body).toMatchObject({
      outcome: "invalid",
      replayOf: null,
      replays: [{ id: response.body.eventId, outcome: "applied" }],
    });
    const recorded = await request(t.app)
      .get(`/admin/events/${response.body.eventId}`)
      .set("Authorization", `Bearer ${t.adminToken}`)
      .expect(200);
    expect(recorded.body).toMatchObject({ channel: "replay", replayOf: String(stored.id), replays: [] });
    const listed = await request(t.app)
      .get(`/admin/events?fileId=${fileId}`)
      .set("Authorization", `Bearer ${t.adminToken}`)
      .expect(200);
    expect(listed.body.items.map((item: { replayOf: string | null }) => item.replayOf)).toEqual([
      String(stored.id),
      null,
    ]);
  });

  test("answers invalid with the schema errors when the stored event still fails the schema, and records nothing", async () => {
    const body = v3NewFileUpload(undefined, (b) => delete b.FileUploadEvent.FileId);
    body.FileUploadEvent.MediaBasicInfo.Name = `invalid-${newFileId()}`;
    await deliver(body);
    const stored = await t.db.prisma.vodEvent.findFirstOrThrow({
      where: { outcome: "invalid" },
      orderBy: { id: "desc" },
    });
    const count = await t.db.prisma.vodEvent.count();

    const response = await replay(stored.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ replayOf: String(stored.id), outcome: "invalid", eventId: null });
    expect(response.body.errors.length).toBeGreaterThan(0);
    expect(await t.db.prisma.vodEvent.count()).toBe(count);
  });

  test("replays a body kept as text because jsonb could not hold it", async () => {
    const body = v3NewFileUpload(
      undefined,
      (b) => (b.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = "a\u0000b"),
    );
    const fileId = body.FileUploadEvent.FileId;
    await deliver(body);
    const event = await firstEventOf(fileId);
    expect(event.payload).toBeNull();
    await t.db.prisma.upload.delete({ where: { fileId } });

    expect((await replay(event.id)).body).toMatchObject({ outcome: "applied", fileId, status: "UPLOADED" });
    expect(await uploadOf(fileId)).toMatchObject({ sourceContext: "a\uFFFDb" });
    const [, recorded] = await eventsOf(fileId);
    expect(recorded).toMatchObject({ channel: "replay", payload: null });
    expect(JSON.parse(recorded?.payloadText ?? "null")).toEqual(body);
  });

  test("answers 404 to an unknown event id and 400 to a non-numeric one", async () => {
    const unknown = await replay("999999999");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const bad = await replay("abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
  });
});

describe("GET /admin/stats", () => {
  // Each test has a database of its own: the figures are exact.
  let s: TestApp;
  beforeEach(async () => {
    s = await startTestApp();
  });
  afterEach(() => s.close());
  const stats = () => request(s.app).get("/admin/stats").set("Authorization", `Bearer ${s.adminToken}`);

  test("answers zeros and nulls before any event", async () => {
    const response = await stats();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      uploads: { total: 0, byStatus: { PENDING: 0, UPLOADED: 0, PROCESSING: 0, PROCESSED: 0, FAILED: 0, DELETED: 0 } },
      events: { lastHour: { applied: 0, ignored: 0, invalid: 0 }, lastDay: { applied: 0, ignored: 0, invalid: 0 } },
      lastEventAt: null,
      secondsSinceLastEvent: null,
      pull: null,
    });
  });

  test("counts uploads by status and events by outcome per hour and day, and tells the time since the last event and pull", async () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const ingest = (body: object, channel: "push" | "pull", receivedAt: Date) =>
      ingestEvent({ db: s.db }, { raw: JSON.stringify(body), channel, receivedAt });
    const [a, b, c] = [newFileId(), newFileId(), newFileId()];
    await ingest(v3NewFileUpload(a), "push", minutesAgo(3 * 24 * 60)); // older than a day: only in the upload counts
    await ingest(v3NewFileUpload(b), "pull", minutesAgo(5 * 60));
    const lastPulledAt = minutesAgo(3 * 60);
    await ingest(v3Procedure(b), "pull", lastPulledAt);
    await ingest(v3NewFileUpload(c), "push", minutesAgo(30));
    await ingest(v3FileDeleted(c), "push", minutesAgo(20));
    const lastEventAt = minutesAgo(10);
    await ingest(
      v3NewFileUpload(undefined, (body) => delete body.FileUploadEvent.FileId),
      "push",
      lastEventAt,
    );
    await ingest({ EventType: "SomethingNew", SomethingNewEvent: {} }, "push", minutesAgo(2 * 60));

    const response = await stats();
    expect(response.status).toBe(200);
    expect(response.body.uploads).toEqual({
      total: 3,
      byStatus: { PENDING: 0, UPLOADED: 1, PROCESSING: 0, PROCESSED: 1, FAILED: 0, DELETED: 1 },
    });
    expect(response.body.events).toEqual({
      lastHour: { applied: 2, ignored: 0, invalid: 1 },
      lastDay: { applied: 4, ignored: 1, invalid: 1 },
    });
    expect(response.body.lastEventAt).toBe(lastEventAt.toISOString());
    expect(response.body.secondsSinceLastEvent).toBeGreaterThanOrEqual(600);
    expect(response.body.secondsSinceLastEvent).toBeLessThan(660);
    expect(response.body.pull.lastPulledAt).toBe(lastPulledAt.toISOString());
    expect(response.body.pull.secondsSinceLastPull).toBeGreaterThanOrEqual(3 * 3600);
    expect(response.body.pull.secondsSinceLastPull).toBeLessThan(3 * 3600 + 60);
  });
});
