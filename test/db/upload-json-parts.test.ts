// The polled reads answer from the parts PostgreSQL writes of each upload's status JSON (src/db/upload-json-parts.ts:
// the columns, derivedFrom, pull and ready written again in SQL). Over many generated uploads — any text, times of
// any year PostgreSQL and JavaScript both hold, int8 past 2^53, jsonb numbers as written (60.50), pulls, reviews of
// any shape, tasks and outputs — the answer joined from the parts must be byte for byte the one the TypeScript
// builders write from the same rows (src/http/upload-status-json-text.ts: uploadJson, derivedFromJson, pullJson,
// reviewJson, readiness, isPublishable; test/api/upload-answer-text.test.ts holds that one to res.json), by ref and
// in pages, with and without outputs, and a page's cursor the one the text pages give.
import fc from "fast-check";
import { findUploadJson } from "../../src/db/find-upload-json.js";
import { findUploadStatuses } from "../../src/db/find-upload-statuses.js";
import { listUploadJsonPages, type UploadJsonPage } from "../../src/db/list-upload-json-pages.js";
import { listUploadPages, type PageRequest, type UploadTextPage } from "../../src/db/list-uploads.js";
import { partsPerUpload } from "../../src/db/upload-json-parts.js";
import { statusJsonOfParts } from "../../src/http/status-json-of-parts.js";
import { encodeCursor } from "../../src/http/upload-cursor.js";
import { uploadPageJsonText } from "../../src/http/upload-page-json-text.js";
import { uploadStatusJsonText } from "../../src/http/upload-status-json-text.js";
import { reviewStatuses } from "../../src/events/review/vod-review.js";
import { uploadStatuses } from "../../src/uploads/upload-state.js";
import { propertySeed } from "../support/property-seed.js";
import { seedOutputs, seedTasks, type SeedOutput } from "../support/seed-outputs.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const SEED = propertySeed(20_261_206);
const RUNS = 40;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

// Text PostgreSQL stores (no NUL): quotes, backslashes, control characters, non-BMP characters.
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replaceAll("\u0000", "")),
  fc.constantFrom('quote " backslash \\ tab \t', "中文 🎬", "\u0001\u001f\u007f", "a\u2028b", ""),
);
const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
const DAY = 86_400_000;
// Milliseconds since 1970: mostly recent, and the edges of Date#toISOString's forms — years 0000–0999, BC, 10000+.
const time = fc.oneof(
  fc.integer({ min: 0, max: 5_000_000_000_000 }),
  // 0001-01-01, 0000-01-01 (1 BC), its eve (2 BC), the last instant of 9999, 10000-01-01.
  fc.constantFrom(
    -62_135_596_800_000,
    -62_167_219_200_000,
    -62_167_219_200_001,
    253_402_300_799_999,
    253_402_300_800_000,
  ),
  fc.integer({ min: -62_198_755_200_000 - 800 * 365 * DAY, max: -62_198_755_200_000 + 1100 * 365 * DAY }),
  fc.integer({ min: 253_402_300_799_000 - 2 * DAY, max: 253_402_300_799_000 + 400 * 365 * DAY }),
);
// jsonb texts: numbers as written (kept so by jsonb: 60.50, 1.0, 1e21, 0.0000001), integer-like keys, nesting.
const jsonbText = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value).replaceAll("\\u0000", "")),
  fc.constantFrom(
    '{"size": 7700180, "duration": 60.50}',
    '{"duration": 1.0, "bitrate": 1e21, "tiny": 0.0000001, "big": 12345678901234567890}',
    '{"b": 1, "10": 2, "9": [1, 2.50]}',
    '{"pullSourceUrl": "https://example.com/a \\"b\\".mp4", "size": 1}',
    '{"pullSourceUrl": 7}',
    "[1, 2]",
    '"text"',
    "null",
  ),
);
const review = fc.oneof(
  fc.constant(null),
  jsonbText,
  fc.constant(
    JSON.stringify({
      status: "block",
      checks: [{ type: "Porn", verdict: "block", suggestion: "block", label: "porn", confidence: 98.5, segments: 1 }],
      labels: [{ label: "porn", confidence: 98.5 }],
      form: "Image",
      taskId: "review-1",
      finishedAt: "2026-12-06T08:00:00.12Z",
      segments: [{ check: "Porn", startTimeOffset: 1.5, endTimeOffset: 2, suggestion: "block" }],
    }),
  ),
);
const upload = fc.record({
  status: fc.constantFrom(...uploadStatuses),
  hasFileId: fc.boolean(),
  sourceType: maybe(text),
  procedure: maybe(text),
  procedureTaskId: maybe(text),
  procedureStatus: maybe(text),
  procedureErrCode: maybe(fc.integer()),
  procedureMessage: maybe(text),
  mediaUrl: fc.oneof(
    fc.constant(null),
    fc.constant(""),
    text.map((s) => `https://v.example.com/${s}.mp4`),
  ),
  coverUrl: maybe(text),
  name: maybe(text),
  mediaType: maybe(text),
  storageRegion: maybe(text),
  subAppId: maybe(fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }))),
  metadata: jsonbText,
  createdAt: time,
  // A page's cursor travels as an ISO time PostgreSQL reads back: years 1970 to 9999, as the API's own times.
  updatedAt: fc.integer({ min: 0, max: 5_000_000_000_000 }),
  uploadedAt: maybe(time),
  processedAt: maybe(time),
  deletedAt: maybe(time),
  sessionContext: maybe(text),
  sessionId: maybe(text),
  derivedFrom: fc.oneof(
    fc.constant(null),
    fc.array(text).map((ids) => JSON.stringify(ids)),
    fc.constantFrom('["5285485487985271490", 7, null, "x"]', '{"a": 1}', '"one"', "[]"),
  ),
  pullTaskId: maybe(text),
  pullErrCode: maybe(fc.constantFrom(70000, 60000, 40000, -1)),
  pullMessage: maybe(text),
  review,
  reviewStatus: maybe(fc.oneof(fc.constantFrom(...reviewStatuses), text)),
  reviewTaskId: maybe(text),
  tasks: fc.array(fc.constantFrom("FINISH", "PROCESSING", "WAITING"), { maxLength: 3 }),
  outputs: fc.array(
    fc.record({
      kind: fc.constantFrom("transcode", "adaptive", "cover", "snapshot", "other"),
      url: fc.oneof(
        fc.constant(null),
        fc.constant(""),
        text.map((s) => `https://v.example.com/o/${s}.m3u8`),
      ),
      height: maybe(fc.integer({ min: 0, max: 2160 })),
    }),
    { maxLength: 3 },
  ),
});
type Generated = typeof upload extends fc.Arbitrary<infer T> ? T : never;

let rows = 0;
async function insert(generated: Generated[], sourceContext: string): Promise<Array<{ id: string; fileId: string }>> {
  const stored: Array<{ id: string; fileId: string }> = [];
  for (const u of generated) {
    rows += 1;
    const id = `upl_parts${String(rows).padStart(8, "0")}`;
    const fileId = u.hasFileId ? `52859${String(rows).padStart(14, "0")}` : null;
    const at = (ms: number | null) => (ms === null ? null : String(ms));
    await db.pool.query(
      `INSERT INTO "Upload" (id, "fileId", status, "sourceType", "sourceContext", procedure, "procedureTaskId",
         "procedureStatus", "procedureErrCode", "procedureMessage", "mediaUrl", "coverUrl", name, "mediaType",
         "storageRegion", "subAppId", metadata, "createdAt", "updatedAt", "uploadedAt", "processedAt", "deletedAt",
         "sessionContext", "sessionId", "derivedFrom", "pullTaskId", "pullErrCode", "pullMessage", review,
         "reviewStatus", "reviewTaskId")
       SELECT $1, $2, $3::"UploadStatus", $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::bigint, $17::jsonb,
         ${[18, 19, 20, 21, 22].map((n) => `'epoch'::timestamptz + $${n}::bigint * interval '1 ms'`).join(", ")},
         $23, $24, $25::jsonb, $26, $27, $28, $29::jsonb, $30, $31`,
      [
        id,
        fileId,
        u.status,
        u.sourceType,
        sourceContext,
        u.procedure,
        u.procedureTaskId,
        u.procedureStatus,
        u.procedureErrCode,
        u.procedureMessage,
        u.mediaUrl,
        u.coverUrl,
        u.name,
        u.mediaType,
        u.storageRegion,
        u.subAppId === null ? null : String(u.subAppId),
        u.metadata,
        at(u.createdAt),
        at(u.updatedAt),
        at(u.uploadedAt),
        at(u.processedAt),
        at(u.deletedAt),
        u.sessionContext,
        u.sessionId,
        u.derivedFrom,
        u.pullTaskId === null ? null : `${u.pullTaskId}-${rows}`, // unique, as VOD's TaskIds
        u.pullErrCode,
        u.pullMessage,
        u.review,
        u.reviewStatus,
        u.reviewTaskId,
      ],
    );
    if (fileId) {
      await seedTasks(
        db,
        fileId,
        u.tasks.map((status, n) => ({ taskId: `task-${n}`, status })),
      );
      await seedOutputs(
        db,
        fileId,
        u.outputs.map((o, n): SeedOutput => ({ kind: o.kind, definition: 10 + n, url: o.url, height: o.height })),
      );
    }
    stored.push({ id, fileId: fileId ?? id });
  }
  return stored;
}

test("by ref, the answer joined from PostgreSQL's parts is the TypeScript builders', byte for byte", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(upload, { minLength: 1, maxLength: 8 }), async (generated) => {
      const stored = await insert(generated, `parts-find-${rows}`);
      const refs = stored.flatMap(({ id, fileId }) => [id, fileId]);
      const [parts, texts] = await Promise.all([findUploadJson(db.pool, refs), findUploadStatuses(db.pool, refs)]);
      refs.forEach((ref, n) => {
        const text = texts[n];
        const joined = parts[n];
        if (!text || !joined) throw new Error(`${ref} not found`);
        expect(statusJsonOfParts(joined, 0, { outputs: true })).toBe(uploadStatusJsonText(text, { outputs: true }));
      });
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test.each([false, true])(
  "in pages (outputs: %s), every item and cursor is the text pages' answer, byte for byte",
  async (outputs) => {
    await fc.assert(
      fc.asyncProperty(fc.array(upload, { minLength: 1, maxLength: 12 }), async (generated) => {
        const sourceContext = `parts-list-${rows}`;
        await insert(generated, sourceContext);
        let request: PageRequest | null = { filter: { sourceContext }, limit: 5, outputs };

        while (request) {
          const [[joined], [texts]]: [UploadJsonPage[], UploadTextPage[]] = await Promise.all([
            listUploadJsonPages(db.pool, [request]),
            listUploadPages(db.pool, [request]),
          ]);
          if (!joined || !texts) throw new Error("no page");
          expect(joined.next).toEqual(texts.next);
          const items = texts.items.map((item) => uploadStatusJsonText(item, { outputs }));
          const joinedItems = [];
          for (let at = 0; at < joined.parts.length; at += partsPerUpload) {
            joinedItems.push(statusJsonOfParts(joined.parts, at, { outputs }));
          }
          expect(joinedItems).toEqual(items);
          const nextCursor = texts.next ? `"${encodeCursor(texts.next)}"` : "null";
          expect(uploadPageJsonText(joined, { outputs })).toBe(
            `{"items":[${items.join(",")}],"nextCursor":${nextCursor}}`,
          );
          request = texts.next ? { ...request, after: texts.next } : null;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  },
);
