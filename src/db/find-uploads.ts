// Uploads by our id or their FileId, many in one statement: the app backends' polled read, batched by
// create-upload-reader.ts, on pg as PostgreSQL wrote them (query-uploads.ts says why).
import type pg from "pg";
import { queryUploads } from "./query-uploads.js";
import { selectUploadText, uploadTextColumns, type UploadText } from "./upload-text.js";
import { isUploadId } from "../uploads/upload-ref.js";

const idAt = uploadTextColumns.indexOf("id");
const fileIdAt = uploadTextColumns.indexOf("fileId");

/** One answer per ref (an `upl_` id or a VOD FileId), in order: the upload, or null. */
export async function findUploads(pool: pg.Pool, refs: readonly string[]): Promise<Array<UploadText | null>> {
  const ids = refs.filter(isUploadId);
  const fileIds = refs.filter((ref) => !isUploadId(ref));
  const rows = await queryUploads(pool, {
    text: `SELECT ${selectUploadText("u")} FROM "Upload" u WHERE u."id" = ANY($1::text[]) OR u."fileId" = ANY($2::text[])`,
    values: [ids, fileIds],
  });
  const byId = new Map(rows.map((row) => [row[idAt], row]));
  const byFileId = new Map(rows.flatMap((row) => (row[fileIdAt] == null ? [] : [[row[fileIdAt], row] as const])));
  return refs.map((ref) => (isUploadId(ref) ? byId : byFileId).get(ref) ?? null);
}
