// Uploads by our id or their FileId, many in one statement: the app backends' polled read, batched by
// create-upload-reader.ts, on pg (query-uploads.ts says why).
import type pg from "pg";
import type { Upload } from "./generated/client.js";
import { queryUploads } from "./query-uploads.js";
import { isUploadId } from "../uploads/upload-ref.js";

/** One answer per ref (an `upl_` id or a VOD FileId), in order: the upload, or null. */
export async function findUploads(pool: pg.Pool, refs: readonly string[]): Promise<Array<Upload | null>> {
  const ids = refs.filter(isUploadId);
  const fileIds = refs.filter((ref) => !isUploadId(ref));
  const rows = await queryUploads(pool, {
    text: `SELECT * FROM "Upload" WHERE "id" = ANY($1::text[]) OR "fileId" = ANY($2::text[])`,
    values: [ids, fileIds],
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byFileId = new Map(rows.flatMap((row) => (row.fileId === null ? [] : [[row.fileId, row] as const])));
  return refs.map((ref) => (isUploadId(ref) ? byId : byFileId).get(ref) ?? null);
}
