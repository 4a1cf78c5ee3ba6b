// Batched status reads: concurrent lookups and list pages share statements, yet each caller gets exactly the
// answer a statement of its own would give — the right upload or null, the right page and cursor — and a failed
// statement fails each of its callers, not the process.
import { createUploadReader } from "../../src/db/create-upload-reader.js";
import { listUploads, type PageRequest, type UploadPage } from "../../src/db/list-uploads.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
const statuses = ["UPLOADED", "PROCESSING", "PROCESSED", "FAILED", "DELETED"] as const;
const base = Date.parse("2026-11-01T00:00:00.000Z");

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  // 300 uploads over 6 source contexts; every 4th shares its updatedAt with the next, so pages break ties by id.
  await db.prisma.upload.createMany({
    data: Array.from({ length: 300 }, (_, n) => ({
      id: `upl_reader${String(n).padStart(3, "0")}`,
      fileId: n % 10 === 9 ? null : `52858907${String(n).padStart(8, "0")}`,
      status: statuses[n % statuses.length] as (typeof statuses)[number],
      sourceContext: `order-${n % 6}`,
      procedureTaskId: `1256768367-Procedure-${n % 50}t1`,
      subAppId: n % 2 ? 1_500_000_001n : null,
      metadata: { size: n, duration: 60.5 },
      updatedAt: new Date(base + Math.floor(n / 2) * 60_000),
    })),
  });
});
afterAll(() => db.close());

test("concurrent lookups by id and by FileId each get their own upload, or null", async () => {
  const reader = createUploadReader(db);
  const refs = Array.from({ length: 400 }, (_, n) =>
    n % 4 === 0
      ? `upl_reader${String(n % 300).padStart(3, "0")}`
      : n % 4 === 1
        ? `52858907${String(n % 300).padStart(8, "0")}`
        : n % 4 === 2
          ? `upl_missing${n}`
          : `99999999${n}`,
  );
  const answers = await Promise.all(refs.map((ref) => reader.find(ref)));
  const expected = await Promise.all(
    refs.map((ref) => db.prisma.upload.findUnique({ where: ref.startsWith("upl_") ? { id: ref } : { fileId: ref } })),
  );
  expect(answers).toEqual(expected);
  expect(answers.filter((upload) => upload !== null).length).toBeGreaterThan(150);
});

test("a FileId that looks like another upload's id is looked up as a FileId", async () => {
  const reader = createUploadReader(db);
  const [byId, byFileId] = await Promise.all([reader.find("upl_reader000"), reader.find("reader000")]);
  expect(byId?.id).toBe("upl_reader000");
  expect(byFileId).toBeNull();
});

test("concurrent list requests of different filters, limits and cursors each get the page listUploads gives alone", async () => {
  const reader = createUploadReader(db);
  const firstPages: PageRequest[] = [
    { filter: {}, limit: 7 },
    { filter: { status: "PROCESSED" }, limit: 11 },
    { filter: { status: "FAILED" }, limit: 200 },
    { filter: { sourceContext: "order-2" }, limit: 9 },
    { filter: { sourceContext: "order-2", status: "UPLOADED" }, limit: 3 },
    { filter: { procedureTaskId: "1256768367-Procedure-7t1" }, limit: 50 },
    { filter: { updatedAfter: new Date(base + 100 * 60_000) }, limit: 13 },
    { filter: { sourceContext: "no-such-order" }, limit: 5 },
  ];
  // Walk every listing to its end with the batched reader, all listings at once, page after page.
  const walk = async (request: PageRequest, read: (r: PageRequest) => Promise<UploadPage>) => {
    const pages: UploadPage[] = [];
    for (let next: PageRequest | null = request; next;) {
      const page = await read(next);
      pages.push(page);
      next = page.next ? { ...request, after: page.next } : null;
    }
    return pages;
  };
  const batched = await Promise.all([...firstPages, ...firstPages].map((request) => walk(request, reader.list)));
  const alone: UploadPage[][] = [];
  for (const request of firstPages) alone.push(await walk(request, (r) => listUploads(db.pool, r.filter, r)));

  expect(batched).toEqual([...alone, ...alone]);
  const all = alone[0]?.flatMap((page) => page.items) ?? [];
  expect(all).toHaveLength(300);
  expect(new Set(all.map((upload) => upload.id)).size).toBe(300);
  const sortKeys = all.map((upload) => [upload.updatedAt.getTime(), upload.id] as const);
  expect(sortKeys).toEqual([...sortKeys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
  expect(alone[7]).toEqual([{ items: [], next: null }]);
});

test("when the statement fails, every caller of the batch gets the error and the reader keeps working", async () => {
  const broken = await createTestDatabase({ poolSize: 2 });
  const reader = createUploadReader(broken);
  await broken.prisma.$executeRawUnsafe(`ALTER TABLE "Upload" RENAME TO "UploadGone"`);
  const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => reader.find(`upl_x${n}`)));
  expect(answers.every((answer) => answer.status === "rejected")).toBe(true);
  await broken.prisma.$executeRawUnsafe(`ALTER TABLE "UploadGone" RENAME TO "Upload"`);
  await expect(reader.find("upl_x1")).resolves.toBeNull();
  await broken.close();
});
