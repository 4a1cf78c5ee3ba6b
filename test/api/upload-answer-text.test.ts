// The polled reads write their answers straight from PostgreSQL's text (src/http/upload-status-json-text.ts): every
// byte and header must be what res.json gave for uploadStatusJson of the stored rows, read through Prisma —
// whatever the values hold, outputs, tasks, pulls and reviews included.
import request from "supertest";
import type { Prisma } from "../../src/db/generated/client.js";
import { uploadStatusJson, type StatusExtras } from "../../src/uploads/upload-status-json.js";
import type { OutputRow } from "../../src/uploads/output-row.js";
import { seedOutputs, seedTasks, type SeedOutput } from "../support/seed-outputs.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const api = (path: string) => request(t.app).get(path).set("Authorization", `Bearer ${t.apiToken}`);

// Times with 0 to 3 digits of fraction (PostgreSQL drops trailing zeros), odd text, a subAppId, nested metadata
// with numbers jsonb keeps as written.
const awkward = (sourceContext: string, n: number, batch: string): Prisma.UploadCreateManyInput => ({
  id: `upl_text${batch}x${n}`,
  fileId: newFileId(),
  status: (["UPLOADED", "PROCESSED", "FAILED", "DELETED"] as const)[n % 4] ?? "UPLOADED",
  sourceContext,
  name: ['quote " backslash \\ tab \t', "中文 名字 🎬", "\u0001 control \u001f", "a\u2028b"][n % 4] ?? null,
  procedure: n % 5 === 0 ? "LongVideoPreset" : null,
  procedureErrCode: n % 2 ? -n : null,
  mediaUrl: n % 3 ? `https://1256768367.vod2.myqcloud.com/${n}/q1BORBPQH1IA.mp4` : null,
  coverUrl: n % 2 ? `https://1256768367.vod2.myqcloud.com/${n}/cover "1".jpg` : null,
  subAppId: n % 2 ? 1_500_000_001n : null,
  metadata: { size: 7700180 + n, duration: 60.5, nested: { list: [1, "two", null, true], empty: {} }, 'k"ey': n },
  createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, [0, 100, 120, 123][n % 4])),
  updatedAt: new Date(Date.UTC(2026, 10, 30, 9, 10, n % 60, [0, 100, 120, 123][(n + 1) % 4])),
  uploadedAt: n % 3 ? new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) : null,
  sessionContext: n % 2 ? '{"orderId":1001,"note":"\\u00e9"}' : null,
  sessionId: n % 2 ? `order-${n}` : null,
  derivedFrom: n % 4 === 1 ? ["5285485487985271490", "5285485487985271491"] : undefined,
  // Issue 15: a pull (its TaskId unique per row), some failed, and reviews of every status, one of odd types.
  ...(n % 3 === 1
    ? {
        pullTaskId: `1256768367-Pull-${batch}${n}`,
        pullErrCode: n % 2 ? 70000 : 60000,
        pullMessage: n % 2 ? "Internal error" : 'Source file error: 中文 "quoted"',
      }
    : {}),
  ...(n % 4 === 2 ? { review: awkwardReview(n), reviewStatus: "block", reviewTaskId: `review-${n}` } : {}),
  ...(n % 4 === 3 ? { reviewStatus: "pending", reviewTaskId: `review-${n}` } : {}),
  ...(n % 6 === 0
    ? { review: { status: "pass", checks: "not a list", labels: [{ confidence: 3 }], finishedAt: 7 } }
    : {}),
  ...(n % 6 === 0 ? { reviewStatus: "pass" } : {}),
});

// A kept review as the hot path stores it (a VodReview as JSON: src/events/review/vod-review.ts), with a confidence
// outside 0-100 and a label kept as given.
const awkwardReview = (n: number) => ({
  status: "block",
  checks: [
    {
      type: "Porn",
      verdict: "block",
      suggestion: "block",
      label: "porn",
      confidence: 98.5,
      form: "Image",
      segments: 1,
      segmentsUrl: null,
      errCode: null,
    },
    {
      type: "Terrorism",
      verdict: "pass",
      suggestion: "pass",
      label: "unknown-label 中文",
      confidence: 150,
      form: null,
      segments: 0,
      segmentsUrl: `https://x/${n}/seg "1".txt`,
      errCode: null,
    },
  ],
  labels: [
    { label: "porn", confidence: 98.5 },
    { label: "unknown-label 中文", confidence: 150 },
  ],
  form: "Image",
  taskId: `review-${n}`,
  finishedAt: "2026-12-06T08:00:00.120Z",
  segmentsUrl: null,
  segments: [
    {
      check: "Porn",
      startTimeOffset: 1.5,
      endTimeOffset: 2,
      suggestion: "block",
      label: "porn",
      confidence: 98.5,
      form: "Image",
      url: null,
    },
  ],
});

// Every kind, with values that stress the text path: 0–3 fraction digits and null times, floats, big sizes, text
// with quotes and non-ASCII, details nested and of the wrong types.
const awkwardOutputs = (n: number): SeedOutput[] => {
  const finishedAt = n % 3 ? new Date(Date.UTC(2026, 10, 30, 9, 10, 0, [0, 100, 120, 123][n % 4])) : null;
  const base = `https://1256768367.vod2.myqcloud.com/${n}/f0`;
  return [
    {
      kind: "transcode",
      definition: 100020,
      url: `${base}/v.f100020.mp4`,
      container: "mov,mp4,m4a,3gp,3g2,mj2",
      width: 640,
      height: 480,
      bitrate: 552218,
      size: 4_189_073_000_123,
      duration: 60.04700088501,
      md5: "eff7031ad7877865f9a3240e9ab165ad",
      finishedAt,
      taskId: `task "${n}" 中文`,
    },
    {
      kind: "adaptive",
      definition: 10,
      url: `${base}/adp.10.m3u8`,
      drmType: n % 2 ? "SimpleAES" : "",
      details: { package: n % 2 ? "hls" : "DASH", subStreamSet: [{ type: "video", width: 640 }] },
      finishedAt,
    },
    { kind: "cover", definition: 10, url: `${base}/cover\u2028.jpg`, finishedAt },
    {
      kind: "snapshot",
      definition: 10,
      details: { picInfoSet: [{ timeOffset: 3.5, url: `${base}/1.jpg` }, { url: 4 }] },
    },
    { kind: "sampleSnapshot", definition: 10, details: { imageUrlSet: [`${base}/s.jpg`, null] } },
    { kind: "sprite", definition: 10, details: { imageUrlSet: [`${base}/sp.jpg`], webVttUrl: `${base}/sp.vtt` } },
    { kind: "animatedGraphic", definition: 20000, url: `${base}/a.gif`, container: "gif", duration: 0.1 + 0.2 },
    { kind: "other", definition: 7, url: `${base}/other` },
  ];
};

async function extrasOf(fileId: string | null | undefined): Promise<StatusExtras> {
  if (!fileId) return { outputs: [], taskStatuses: [] };
  const outputs = await t.db.prisma.uploadOutput.findMany({ where: { fileId } });
  const tasks = await t.db.prisma.uploadTask.findMany({ where: { fileId } });
  return {
    outputs: outputs.map((o): OutputRow => ({
      ...o,
      bitrate: o.bitrate === null ? null : Number(o.bitrate),
      size: o.size === null ? null : Number(o.size),
      details: o.details as Record<string, unknown>,
      finishedAt: o.finishedAt?.toISOString() ?? null,
      receivedAt: o.receivedAt.toISOString(),
      eventId: Number(o.eventId),
    })),
    taskStatuses: tasks.map((task) => task.status),
  };
}

async function seed(sourceContext: string, count: number) {
  const batch = newFileId().slice(-8);
  const data = Array.from({ length: count }, (_, n) => awkward(sourceContext, n, batch));
  await t.db.prisma.upload.createMany({ data });
  for (const [n, { fileId }] of data.entries()) {
    if (!fileId || n % 4 === 3) continue;
    await seedOutputs(t.db, fileId, awkwardOutputs(n));
    await seedTasks(t.db, fileId, [{ taskId: `flow-${n}`, status: n % 2 ? "FINISH" : "PROCESSING" }]);
  }
  return data;
}

const sameAsResJson = (response: request.Response, body: unknown) => {
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.text).toBe(JSON.stringify(body));
};

test("GET /v1/uploads/:ref answers the bytes res.json gave for the stored upload, outputs and tasks", async () => {
  const data = await seed("order-bytes", 8);
  for (const { fileId } of data) {
    const stored = await t.db.prisma.upload.findUniqueOrThrow({ where: { fileId: fileId as string } });
    sameAsResJson(await api(`/v1/uploads/${fileId}`), uploadStatusJson(stored, await extrasOf(fileId)));
  }
});

test.each([
  ["", false],
  ["&include=outputs", true],
])(
  "GET /v1/uploads%s answers every page, cursor included, with the bytes res.json gave",
  async (query, withOutputs) => {
    const sourceContext = `order-pages-${newFileId()}`;
    await seed(sourceContext, 12);
    const stored = await t.db.prisma.upload.findMany({
      where: { sourceContext },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    });
    let cursor: string | null = null;
    for (let at = 0; at < stored.length; at += 5) {
      const response = await api(
        `/v1/uploads?sourceContext=${sourceContext}&limit=5${query}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const items = stored.slice(at, at + 5);
      const last = items.at(-1);
      const nextCursor =
        at + 5 < stored.length && last
          ? Buffer.from(`${last.updatedAt.toISOString()}|${last.id}`).toString("base64url")
          : null;
      const answers = [];
      for (const item of items) {
        const { outputs, ...rest } = uploadStatusJson(item, await extrasOf(item.fileId));
        answers.push(withOutputs ? { ...rest, outputs } : rest);
      }
      sameAsResJson(response, { items: answers, nextCursor });
      cursor = nextCursor;
    }
    expect(cursor).toBeNull();
  },
);
