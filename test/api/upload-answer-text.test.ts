// The polled reads write their answers straight from PostgreSQL's text (src/http/upload-json-text.ts): every byte
// and header must be what res.json gave for uploadJson of the stored row — whatever the values hold.
import request from "supertest";
import type { Prisma } from "../../src/db/generated/client.js";
import { uploadJson } from "../../src/http/upload-json.js";
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
const awkward = (sourceContext: string, n: number): Prisma.UploadCreateManyInput => ({
  id: `upl_text${sourceContext.length}x${n}`,
  fileId: newFileId(),
  status: (["UPLOADED", "PROCESSED", "FAILED"] as const)[n % 3] ?? "UPLOADED",
  sourceContext,
  name: ['quote " backslash \\ tab \t', "中文 名字 🎬", "\u0001 control \u001f", "a\u2028b"][n % 4] ?? null,
  procedureErrCode: n % 2 ? -n : null,
  subAppId: n % 2 ? 1_500_000_001n : null,
  metadata: { size: 7700180 + n, duration: 60.5, nested: { list: [1, "two", null, true], empty: {} }, 'k"ey': n },
  createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, [0, 100, 120, 123][n % 4])),
  updatedAt: new Date(Date.UTC(2026, 10, 30, 9, 10, n % 60, [0, 100, 120, 123][(n + 1) % 4])),
  uploadedAt: n % 3 ? new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) : null,
});

const sameAsResJson = (response: request.Response, body: unknown) => {
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(response.text).toBe(JSON.stringify(body));
};

test("GET /v1/uploads/:ref answers the bytes res.json gave for the stored upload", async () => {
  const data = Array.from({ length: 8 }, (_, n) => awkward("order-bytes", n));
  await t.db.prisma.upload.createMany({ data });
  for (const { fileId } of data) {
    const stored = await t.db.prisma.upload.findUniqueOrThrow({ where: { fileId: fileId as string } });
    sameAsResJson(await api(`/v1/uploads/${fileId}`), uploadJson(stored));
  }
});

test("GET /v1/uploads answers every page, cursor included, with the bytes res.json gave", async () => {
  const sourceContext = `order-pages-${newFileId()}`;
  await t.db.prisma.upload.createMany({ data: Array.from({ length: 12 }, (_, n) => awkward(sourceContext, n)) });
  const stored = await t.db.prisma.upload.findMany({
    where: { sourceContext },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
  let cursor: string | null = null;
  for (let at = 0; at < stored.length; at += 5) {
    const response = await api(
      `/v1/uploads?sourceContext=${sourceContext}&limit=5${cursor ? `&cursor=${cursor}` : ""}`,
    );
    const items = stored.slice(at, at + 5);
    const last = items.at(-1);
    const nextCursor =
      at + 5 < stored.length && last
        ? Buffer.from(`${last.updatedAt.toISOString()}|${last.id}`).toString("base64url")
        : null;
    sameAsResJson(response, { items: items.map(uploadJson), nextCursor });
    cursor = nextCursor;
  }
  expect(cursor).toBeNull();
});
