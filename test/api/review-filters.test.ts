// The Upload JSON's `review` and `ready.publishable`, and the list filters ?review= and ?ready=publishable (issue 15).
// - From callbacks: Tencent's own payloads (test/fixtures/SOURCES.md) re-aimed at a fresh FileId — a
//   ReviewAudioVideoComplete (current format), a ProcedureStateChanged with AiContentReviewResultSet, the 2017
//   format's contentReviewList — each read back through GET /v1/uploads/:ref and found by the filters.
// - The filters are the pure rules (src/uploads/publishable.ts, src/http/review-json.ts) written again in SQL
//   (src/db/ready-sql.ts, list-uploads.ts): over a table of seeded uploads, each filter answers exactly the uploads
//   whose answered JSON says so, and exactly those expected by hand.
// - End to end with the emulator: verdicts set by its control endpoint reach the JSON through the real SDK's pull.
import request from "supertest";
import type { Prisma } from "../../src/db/generated/client.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { seedOutputs } from "../support/seed-outputs.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";
import { startLoopbackMediaServer } from "../vod/loopback-media-server.js";

type Json = Record<string, any>;

describe("review from callbacks", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);
  const send = async (body: Json) => {
    const response = await request(t.app).post(t.callbackPath).send(body);
    expect([response.status, response.body.outcome]).toEqual([200, "applied"]);
  };
  const listed = async (query: string) =>
    ((await get(`/v1/uploads?${query}&limit=200`)).body.items as Json[]).map((item) => item.fileId as string);

  /** Tencent's ReviewAudioVideoComplete example, about `fileId`, with `suggestion` (block as sent). */
  function reviewAudioVideo(fileId: string, suggestion: "block" | "review" | "pass" = "block"): Json {
    const body = loadFixture("v3/review-audio-video-complete") as Json;
    const event = body.ReviewAudioVideoCompleteEvent;
    event.Input.FileId = fileId;
    event.TaskId = `125xxxx-ReviewAudioVideo-${newFileId()}t`;
    if (suggestion !== "block") {
      event.Output.Suggestion = suggestion;
      event.Output.Label = suggestion === "pass" ? "" : "porn";
      event.Output.SegmentSet = suggestion === "pass" ? [] : event.Output.SegmentSet.slice(0, 1);
      for (const segment of event.Output.SegmentSet) segment.Suggestion = suggestion;
    }
    return body;
  }

  test("a block from ReviewAudioVideoComplete shows its labels, holds publishing back and is found by ?review=block", async () => {
    const fileId = newFileId();
    await send(v3NewFileUpload(fileId));
    const before = (await get(`/v1/uploads/${fileId}`)).body;
    expect([before.review, before.ready.publishable]).toEqual([null, true]);

    const body = reviewAudioVideo(fileId);
    await send(body);
    const { body: upload } = await get(`/v1/uploads/${fileId}`);
    expect(upload.status).toBe("UPLOADED");
    expect(upload.review).toMatchObject({
      status: "block",
      form: "Image",
      taskId: body.ReviewAudioVideoCompleteEvent.TaskId,
      segmentsUrl: body.ReviewAudioVideoCompleteEvent.Output.SegmentSetFileUrl,
    });
    // The example spells the label "porn" at the top and "Porn" in its segments: one label.
    expect(upload.review.labels.map((label: Json) => label.label)).toEqual(["porn"]);
    expect(upload.review.segments[0]).toMatchObject({ startTimeOffset: 0, endTimeOffset: 1, suggestion: "block" });
    expect(upload.ready).toEqual({ playable: true, complete: true, publishable: false });
    expect(await listed("review=block")).toContain(fileId);
    expect(await listed("review=pass")).not.toContain(fileId);
    expect(await listed("ready=publishable")).not.toContain(fileId);
    expect(await listed("ready=playable")).toContain(fileId);
  });

  test("a review that arrives before the upload event is kept when the upload event comes", async () => {
    const fileId = newFileId();
    await send(reviewAudioVideo(fileId, "review"));
    await send(v3NewFileUpload(fileId));
    const { body: upload } = await get(`/v1/uploads/${fileId}`);
    expect([upload.status, upload.review.status, upload.ready.publishable]).toEqual(["UPLOADED", "review", false]);
    expect(await listed("review=review")).toContain(fileId);
  });

  test("a later review wins: block, then pass, makes the upload publishable", async () => {
    const fileId = newFileId();
    await send(v3NewFileUpload(fileId));
    await send(reviewAudioVideo(fileId, "block"));
    await send(reviewAudioVideo(fileId, "pass"));
    const { body: upload } = await get(`/v1/uploads/${fileId}`);
    expect([upload.review.status, upload.review.labels, upload.ready.publishable]).toEqual(["pass", [], true]);
    expect(await listed("review=pass")).toContain(fileId);
    expect(await listed("review=block")).not.toContain(fileId);
    expect(await listed("ready=publishable")).toContain(fileId);
  });

  test("a task flow's AiContentReviewResultSet: the most severe check decides, every check's labels are kept", async () => {
    const fileId = newFileId();
    const body = loadFixture("v3/review-procedure-ai-content") as Json;
    body.ProcedureStateChangeEvent.FileId = fileId;
    await send(body);
    const { body: upload } = await get(`/v1/uploads/${fileId}`);
    expect(upload.review.status).toBe("block");
    expect(upload.review.checks.map((check: Json) => [check.type, check.verdict])).toEqual(
      expect.arrayContaining([
        ["Porn", "block"],
        ["Terrorism", "pass"],
      ]),
    );
    expect(upload.review.labels).toEqual(expect.arrayContaining([{ label: "sexy", confidence: 98 }]));
    expect(upload.ready.publishable).toBe(false);
    expect(await listed("review=block")).toContain(fileId);
  });

  test("the 2017 format's contentReviewList gives the same verdict", async () => {
    const fileId = newFileId();
    const body = loadFixture("legacy/review-procedure-content-review") as Json;
    body.data.fileId = fileId;
    await send(body);
    const { body: upload } = await get(`/v1/uploads/${fileId}`);
    // The 2017 porn check names no label: the check, its confidence and its segments carry the verdict.
    expect(upload.review).toMatchObject({
      status: "block",
      checks: [{ type: "Porn", verdict: "block", confidence: 98 }],
    });
    expect(upload.review.segments.map((segment: Json) => segment.suggestion)).toEqual(["block", "review"]);
    expect(await listed("review=block")).toContain(fileId);
  });

  test("an unknown review status in the query is a 400", async () => {
    const response = await get("/v1/uploads?review=maybe");
    expect([response.status, response.body.error.code]).toEqual([400, "invalid_request"]);
  });
});

describe("?ready=publishable and ?review= agree with the JSON, upload by upload", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const get = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);

  const mediaUrl = "https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/5b8e2d5c/q1BORBPQH1IA.mp4";
  const cases: Array<{
    name: string;
    upload: Partial<Prisma.UploadCreateManyInput>;
    stream?: boolean;
    publishable: boolean;
  }> = [
    { name: "no review asked for", upload: { status: "UPLOADED" }, publishable: true },
    { name: "passed", upload: { status: "PROCESSED", reviewStatus: "pass" }, publishable: true },
    { name: "review pending", upload: { status: "PROCESSING", reviewStatus: "pending" }, publishable: false },
    { name: "to be reviewed", upload: { status: "PROCESSED", reviewStatus: "review" }, publishable: false },
    { name: "blocked", upload: { status: "PROCESSED", reviewStatus: "block" }, publishable: false },
    {
      name: "passed but PENDING",
      upload: { status: "PENDING", fileId: null, reviewStatus: "pass" },
      publishable: false,
    },
    { name: "passed but DELETED", upload: { status: "DELETED", reviewStatus: "pass" }, publishable: false },
    {
      name: "passed, nothing to play",
      upload: { status: "PROCESSED", mediaUrl: null, reviewStatus: "pass" },
      publishable: false,
    },
    {
      name: "passed, a stream but no source URL",
      upload: { status: "PROCESSED", mediaUrl: null, reviewStatus: "pass" },
      stream: true,
      publishable: true,
    },
    {
      name: "a failed pull, no review",
      upload: { status: "FAILED", fileId: null, mediaUrl: null, pullErrCode: 60000 },
      publishable: false,
    },
  ];

  test("each filter answers exactly the uploads the JSON marks, and those expected", async () => {
    const sourceContext = `publishable-${newFileId()}`;
    const rows = cases.map(({ upload }, n): Prisma.UploadCreateManyInput => ({
      id: `upl_publishable${sourceContext.slice(-8)}x${n}`,
      status: "UPLOADED",
      fileId: newFileId(),
      mediaUrl,
      sourceContext,
      metadata: {},
      ...upload,
      ...(upload.reviewStatus ? { review: { status: upload.reviewStatus, checks: [], labels: [] } } : {}),
    }));
    await t.db.prisma.upload.createMany({ data: rows });
    for (const [n, row] of rows.entries()) {
      if (cases[n]!.stream && row.fileId)
        await seedOutputs(t.db, row.fileId, [
          { kind: "adaptive", definition: 10, url: `https://x/${row.fileId}/adp.10.m3u8`, details: { package: "HLS" } },
        ]);
    }
    const page = async (query: string) =>
      ((await get(`/v1/uploads?sourceContext=${sourceContext}&limit=200${query}`)).body.items as Json[]).map(
        (item) => item.id as string,
      );
    const all = (await get(`/v1/uploads?sourceContext=${sourceContext}&limit=200`)).body.items as Json[];
    expect(all).toHaveLength(cases.length);

    const publishable = await page("&ready=publishable");
    const expected = rows.filter((_, n) => cases[n]!.publishable).map((row) => row.id);
    expect(publishable.sort()).toEqual(expected.sort());
    expect(publishable.sort()).toEqual(
      all
        .filter((item) => item.ready.publishable)
        .map((item) => item.id)
        .sort(),
    );

    for (const status of ["pending", "pass", "review", "block"]) {
      const found = await page(`&review=${status}`);
      expect({ status, found: found.sort() }).toEqual({
        status,
        found: all
          .filter((item) => item.review?.status === status)
          .map((item) => item.id)
          .sort(),
      });
    }
    expect(all.filter((item) => item.review === null)).toHaveLength(
      cases.filter(({ upload }) => !upload.reviewStatus).length,
    );
  });
});

describe("verdicts set on the emulator reach the JSON through VOD's events", () => {
  let setup: ServiceWithEmulator;
  let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;
  const credentials = { secretId: "AKIDreviewFilters0000000000000000", secretKey: "reviewFiltersSecretKey0000000000" };
  beforeAll(async () => {
    setup = await startServiceWithEmulator(credentials, { procedureDelayMs: 100 }, { vodCredentials: true });
    origin = await startLoopbackMediaServer(Buffer.from("a clip to moderate ".repeat(100)));
  });
  afterAll(async () => {
    await origin.close();
    await setup.close();
  });
  const api = () => `Bearer ${setup.t.apiToken}`;
  const get = (path: string) => request(setup.t.app).get(path).set("Authorization", api());

  async function until(ref: string, holds: (upload: Json) => boolean): Promise<Json> {
    const deadline = Date.now() + 8_000;
    for (;;) {
      const { body } = await get(`/v1/uploads/${ref}`);
      if (holds(body)) return body;
      if (Date.now() > deadline) throw new Error(`upload ${ref} never matched: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  test("pass, review and block, and a review procedure pending until its verdict", async () => {
    const sourceContext = `moderated-${newFileId()}`;
    const pulled: Record<string, Json> = {};
    for (const verdict of ["pass", "review", "block"] as const) {
      const started = await request(setup.t.app)
        .post("/v1/uploads/pull")
        .set("Authorization", api())
        .send({ mediaUrl: origin.url(`/clips/${verdict}.mp4`), sourceContext });
      expect(started.status).toBe(201);
      const uploaded = await until(started.body.id, (upload) => upload.fileId !== null);
      const set = setup.emulator.setReviewVerdict({ fileId: uploaded.fileId, suggestion: verdict, confidence: 97 });
      expect(set.ok).toBe(true);
      pulled[verdict] = await until(started.body.id, (upload) => upload.review?.status === verdict);
    }
    expect(pulled.pass!.ready.publishable).toBe(true);
    expect(pulled.review!.ready.publishable).toBe(false);
    expect(pulled.block!.ready.publishable).toBe(false);
    expect(pulled.block!.review.labels).toEqual([{ label: "porn", confidence: 97 }]);
    const ids = async (query: string) =>
      ((await get(`/v1/uploads?sourceContext=${sourceContext}&${query}`)).body.items as Json[]).map((item) => item.id);
    expect(await ids("review=block")).toEqual([pulled.block!.id]);
    expect(await ids("review=review")).toEqual([pulled.review!.id]);
    expect(await ids("ready=publishable")).toEqual([pulled.pass!.id]);

    // A template whose name asks for review: pending from the upload event on, then the verdict.
    setup.emulator.state.reviewVerdicts.clear();
    const withReview = await request(setup.t.app)
      .post("/v1/uploads/pull")
      .set("Authorization", api())
      .send({ mediaUrl: origin.url("/clips/flow.mp4"), procedure: "ContentReviewPreset", sourceContext });
    const pending = await until(withReview.body.id, (upload) => upload.review !== null);
    if (pending.review.status === "pending") expect(pending.ready.publishable).toBe(false);
    const done = await until(withReview.body.id, (upload) => upload.review?.status === "pass");
    expect(done.ready.publishable).toBe(true);
  });
});
