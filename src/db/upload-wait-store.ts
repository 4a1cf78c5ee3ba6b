// The UploadWait rows of long polls (issue 16 §5; schema: prisma/schema.prisma) and the one read the watch's poll
// makes (create-upload-watch.ts). Rows are written in batches: a thousand clients starting to wait at once cost a
// few statements, not a thousand.
import type pg from "pg";

export interface UploadWaitRow {
  id: string;
  uploadId: string;
  fileId: string | null;
  expiresAt: Date;
}

// What a change to an upload moves: the status, the sequence the hot path raises on every write (notifySequence,
// record-events-sql.ts), and updatedAt, which every other writer sets (CommitUpload, the pull paths).
const version = `u.status::text || ':' || u."notifySequence"::text || ':' || u."updatedAt"::text`;

/** The uploads' versions now (a missing upload has none). */
export async function readUploadVersions(pool: pg.Pool, uploadIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ id: string; version: string }>(
    `SELECT u.id, ${version} AS version FROM "Upload" u WHERE u.id = ANY($1::text[])`,
    [uploadIds],
  );
  return new Map(rows.map((row) => [row.id, row.version]));
}

/** Records the waits (unless `record` is false: nobody else can be told) and answers their uploads' versions, read in
 *  the same statement: a change committed after it either sees the rows (and notifies) or moves the version. */
export async function registerUploadWaits(
  pool: pg.Pool,
  waits: readonly UploadWaitRow[],
  options: { record: boolean },
): Promise<Map<string, string>> {
  const uploadIds = waits.map((wait) => wait.uploadId);
  if (!options.record) return readUploadVersions(pool, uploadIds);
  const { rows } = await pool.query<{ id: string; version: string }>(
    `WITH w AS (
       INSERT INTO "UploadWait" (id, "uploadId", "fileId", "expiresAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
       RETURNING "uploadId")
     SELECT u.id, ${version} AS version FROM "Upload" u WHERE u.id IN (SELECT "uploadId" FROM w)`,
    [
      waits.map((wait) => wait.id),
      uploadIds,
      waits.map((wait) => wait.fileId),
      waits.map((wait) => wait.expiresAt.toISOString()),
    ],
  );
  return new Map(rows.map((row) => [row.id, row.version]));
}

export async function endUploadWaits(pool: pg.Pool, ids: readonly string[]): Promise<void> {
  await pool.query(`DELETE FROM "UploadWait" WHERE id = ANY($1::text[])`, [ids]);
}

/** A pull upload waited on by its id got a FileId: the hot path names it by that from now on. */
export async function setUploadWaitFile(pool: pg.Pool, id: string, fileId: string): Promise<void> {
  await pool.query(`UPDATE "UploadWait" SET "fileId" = $2 WHERE id = $1`, [id, fileId]);
}

/** Rows a process left behind when it died waiting. */
export async function purgeUploadWaits(pool: pg.Pool): Promise<number> {
  return (await pool.query(`DELETE FROM "UploadWait" WHERE "expiresAt" < now()`)).rowCount ?? 0;
}
