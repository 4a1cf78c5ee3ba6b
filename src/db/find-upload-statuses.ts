// The polled status read (GET /v1/uploads/:ref): uploads by our id or their FileId, each with its outputs and its
// tasks' statuses (status-text.ts), many refs in one statement (batched by create-upload-reader.ts), on pg as
// PostgreSQL wrote them (query-uploads.ts says why).
import type pg from "pg";
import { queryUploads } from "./query-uploads.js";
import { selectStatusText, type StatusText } from "./status-text.js";
import { uploadTextColumns } from "./upload-text.js";
import { isUploadId } from "../uploads/upload-ref.js";

const idAt = uploadTextColumns.indexOf("id");
const fileIdAt = uploadTextColumns.indexOf("fileId");

/** One answer per ref (an `upl_` id or a VOD FileId), in order: the upload, or null. */
export async function findUploadStatuses(pool: pg.Pool, refs: readonly string[]): Promise<Array<StatusText | null>> {
  const ids = refs.filter(isUploadId);
  const fileIds = refs.filter((ref) => !isUploadId(ref));
  const rows = await queryUploads(pool, {
    text: `SELECT ${selectStatusText("u", { outputs: true })} FROM "Upload" u
           WHERE u."id" = ANY($1::text[]) OR u."fileId" = ANY($2::text[])`,
    values: [ids, fileIds],
  });
  const byId = new Map(rows.map((row) => [row[idAt], row]));
  const byFileId = new Map(rows.flatMap((row) => (row[fileIdAt] == null ? [] : [[row[fileIdAt], row] as const])));
  return refs.map((ref) => (isUploadId(ref) ? byId : byFileId).get(ref) ?? null);
}
