// GET /v1/uploads: a page as JSON text, from the validated query (listUploadsQuerySchema in routes/upload-routes.ts).
// The Express route and the read fast path (upload-reads-fast-path.ts) both answer through this function.
import type { Db } from "../db/db.js";
import type { PageRequest } from "../db/upload-pages-statement.js";
import { uploadJsonReader } from "../db/upload-json-reader.js";
import { decodeCursor } from "./upload-cursor.js";
import { uploadPageJsonText } from "./upload-page-json-text.js";

export type ListUploadsQuery = PageRequest["filter"] & { limit: number; cursor?: string; include?: "outputs" };

export async function listUploadsAnswer(db: Db, query: ListUploadsQuery): Promise<string> {
  const { limit, cursor, include, ...filter } = query;
  const outputs = include === "outputs";
  const after = cursor ? decodeCursor(cursor) : undefined;
  const page = await uploadJsonReader(db).list({ filter, limit, after, outputs });
  return uploadPageJsonText(page, { outputs });
}
