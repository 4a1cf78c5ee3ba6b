// Pages of uploads as text (upload-pages-statement.ts holds the statement and its paging): each upload as
// PostgreSQL wrote it with what its answer adds (status-text.ts; query-uploads.ts says why); listUploads gives
// Prisma's Upload. The list route answers from list-upload-json-pages.ts instead.
import type pg from "pg";
import type { Upload } from "./generated/client.js";
import { queryUploads } from "./query-uploads.js";
import { uploadOfText } from "./upload-of-text.js";
import { selectStatusText, type StatusText } from "./status-text.js";
import {
  splitPages,
  uploadPagesStatement,
  type PageRequest,
  type UploadCursor,
  type UploadFilter,
} from "./upload-pages-statement.js";
import { uploadTextColumns } from "./upload-text.js";

export { pageShape, type PageRequest, type UploadCursor, type UploadFilter } from "./upload-pages-statement.js";

export interface UploadPage {
  items: Upload[];
  next: UploadCursor | null;
}

export interface UploadTextPage {
  items: StatusText[];
  next: UploadCursor | null;
}

export async function listUploads(
  pool: pg.Pool,
  filter: UploadFilter,
  page: { limit: number; after?: UploadCursor },
): Promise<UploadPage> {
  const [result] = await listUploadPages(pool, [{ filter, ...page }]);
  if (!result) throw new Error("listUploadPages returned no page");
  return { items: result.items.map(uploadOfText), next: result.next };
}

const idAt = uploadTextColumns.indexOf("id");
const updatedAtAt = uploadTextColumns.indexOf("updatedAt");
const selectText = (outputs: boolean) => selectStatusText("u", { outputs });

/** One page per request, in order. Every request must have the same pageShape. */
export async function listUploadPages(pool: pg.Pool, requests: readonly PageRequest[]): Promise<UploadTextPage[]> {
  if (!requests.length) return [];
  const rows = await queryUploads(pool, uploadPagesStatement(requests, "text", selectText));
  return splitPages(requests, rows, (last) => ({ updatedAt: last[updatedAtAt] as string, id: last[idAt] as string }));
}
