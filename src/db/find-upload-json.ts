// The polled status read (GET /v1/uploads/:ref) as the parts of each upload's answer (upload-json-parts.ts): uploads
// by our id or their FileId, with their outputs, many refs in one prepared statement (batched by
// upload-json-reader.ts).
import type pg from "pg";
import { queryUploads } from "./query-uploads.js";
import { PART_SEPARATOR, uploadJsonPartsSql, type UploadJsonParts } from "./upload-json-parts.js";
import { isUploadId } from "../uploads/upload-ref.js";

const text = `SELECT ${uploadJsonPartsSql("u", { outputs: true })}, u.id, u."fileId" FROM "Upload" u
  WHERE u."id" = ANY($1::text[]) OR u."fileId" = ANY($2::text[])`;

/** One answer per ref (an `upl_` id or a VOD FileId), in order: the upload's parts, or null. */
export async function findUploadJson(pool: pg.Pool, refs: readonly string[]): Promise<Array<UploadJsonParts | null>> {
  const ids = refs.filter(isUploadId);
  const fileIds = refs.filter((ref) => !isUploadId(ref));
  const rows = await queryUploads(pool, { name: "find-upload-json", text, values: [ids, fileIds] });
  const byId = new Map<string, UploadJsonParts>();
  const byFileId = new Map<string, UploadJsonParts>();
  for (const [parts, id, fileId] of rows) {
    const split = (parts as string).split(PART_SEPARATOR);
    byId.set(id as string, split);
    if (fileId != null) byFileId.set(fileId, split);
  }
  return refs.map((ref) => (isUploadId(ref) ? byId : byFileId).get(ref) ?? null);
}
