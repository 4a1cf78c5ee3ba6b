// The polled reads run named, prepared statements (src/db/query-uploads.ts). On the embedded database (PGlite) the
// pool's connections share one session, where a name one connection prepared is taken for the next: concurrent reads
// over every connection must still answer, and answer what the text reads give.
import { findUploadJson } from "../../src/db/find-upload-json.js";
import { findUploadStatuses } from "../../src/db/find-upload-statuses.js";
import { listUploadJsonPages } from "../../src/db/list-upload-json-pages.js";
import { partsPerUpload } from "../../src/db/upload-json-parts.js";
import { statusJsonOfParts } from "../../src/http/status-json-of-parts.js";
import { uploadStatusJsonText } from "../../src/http/upload-status-json-text.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ mode: "embedded", poolSize: 3 });
}, 60_000);
afterAll(() => db.close());

test("prepared reads answer on every connection of a shared session, concurrently, as the text reads do", async () => {
  const sourceContext = `embedded-parts-${newFileId()}`;
  const fileIds = Array.from({ length: 6 }, () => newFileId());
  for (const [n, fileId] of fileIds.entries()) {
    await db.pool.query(
      `INSERT INTO "Upload" (id, "fileId", status, "sourceContext", "mediaUrl", metadata, "createdAt", "updatedAt")
       VALUES ($1, $2, 'UPLOADED', $3, 'https://v.example.com/a.mp4', '{"size": 1, "duration": 60.50}', now(), now())`,
      [`upl_embparts${n}${fileId.slice(-6)}`, fileId, sourceContext],
    );
  }
  const reads = Array.from({ length: 12 }, (_, n) =>
    n % 2
      ? findUploadJson(db.pool, [fileIds[n % fileIds.length] as string])
      : listUploadJsonPages(db.pool, [{ filter: { sourceContext }, limit: 4 }]),
  );
  const answers = await Promise.all(reads);
  const texts = await findUploadStatuses(db.pool, fileIds);
  for (const [n, answer] of answers.entries()) {
    if (n % 2) {
      const [parts] = answer as Awaited<ReturnType<typeof findUploadJson>>;
      const text = texts[n % fileIds.length];
      if (!parts || !text) throw new Error(`read ${n} found nothing`);
      expect(statusJsonOfParts(parts, 0, { outputs: true })).toBe(uploadStatusJsonText(text, { outputs: true }));
    } else {
      const [page] = answer as Awaited<ReturnType<typeof listUploadJsonPages>>;
      expect(page?.parts).toHaveLength(4 * partsPerUpload);
      expect(page?.next).not.toBeNull();
    }
  }
});
