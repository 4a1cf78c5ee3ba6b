// What a callback costs in indexes (issue 13): every B-tree entry a new event and a new upload take is paid on the
// hot path. A new index on VodEvent or Upload shows up here, to be weighed against that cost (and made partial, or
// BRIN, where it can be). The constraints those indexes hold still hold.
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** The B-tree indexes of `table` that hold an entry for the row `where` picks (a partial one only if its predicate holds). */
async function btreeEntriesOf(table: "VodEvent" | "Upload", where: string, value: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ name: string; predicate: string | null }>(
    `SELECT c.relname AS name, pg_get_expr(i.indpred, i.indrelid) AS predicate
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     WHERE i.indrelid = $1::regclass AND a.amname = 'btree' ORDER BY c.relname`,
    [`"${table}"`],
  );
  const written: string[] = [];
  for (const { name, predicate } of rows) {
    const { rowCount } = await db.pool.query(
      `SELECT 1 FROM "${table}" WHERE ${where} = $1 ${predicate ? `AND (${predicate})` : ""}`,
      [value],
    );
    if (rowCount === 1) written.push(name);
  }
  return written;
}

describe("a new NewFileUpload callback", () => {
  test("takes three B-tree entries for its event and six for its upload", async () => {
    const body = v3NewFileUpload();
    const result = await ingestEvent({ db }, { raw: JSON.stringify(body), channel: "push" });
    if (result.outcome !== "applied") throw new Error(`expected applied, got ${result.outcome}`);

    expect(await btreeEntriesOf("VodEvent", "id", result.eventId)).toEqual([
      "VodEvent_dedupeKey_key",
      "VodEvent_fileId_id_idx",
      "VodEvent_pkey",
    ]);
    expect(await btreeEntriesOf("Upload", `"fileId"`, result.fileId)).toEqual([
      "Upload_fileId_key",
      "Upload_pkey",
      "Upload_procedureTaskId_idx",
      "Upload_sourceContext_idx",
      "Upload_status_updatedAt_id_idx",
      "Upload_updatedAt_id_idx",
    ]);
  });
});

describe("the partial unique index on vodSessionKey", () => {
  const pending = (vodSessionKey: string | null) =>
    db.prisma.upload.create({ data: { id: newUploadId(), status: "PENDING", vodSessionKey, mediaType: "mp4" } });

  test("refuses a second upload with the same VOD session key (P2002) and lets any number have none", async () => {
    const key = `session-${newUploadId()}`;
    await pending(key);
    await expect(pending(key)).rejects.toMatchObject({ code: "P2002" });
    await pending(null);
    await pending(null);
    expect(await db.prisma.upload.count({ where: { vodSessionKey: key } })).toBe(1);
  });
});
