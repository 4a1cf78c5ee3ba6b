// Pages of uploads for the list route (GET /v1/uploads), each as ONE text PostgreSQL writes: its uploads' parts
// (upload-json-parts.ts) one after the other, and the cursor's keys when there is a next page. The statement is
// upload-pages-statement.ts's, as for the pages of text (list-uploads.ts), grouped by page.
import type pg from "pg";
import { isoTime } from "./iso-time.js";
import { queryUploads } from "./query-uploads.js";
import { PART_SEPARATOR, uploadJsonPartsSql, type UploadJsonParts } from "./upload-json-parts.js";
import { uploadPagesStatement, type PageRequest, type UploadCursor } from "./upload-pages-statement.js";

export interface UploadJsonPage {
  /** The page's uploads, partsPerUpload parts each. */
  parts: UploadJsonParts;
  next: UploadCursor | null;
}

// b.lim is the limit + 1: a page's last upload is row lim - 1, and a row lim says there is a next page.
const selectPage = (outputs: boolean) => `
  string_agg(${uploadJsonPartsSql("u", { outputs })}, E'\\x01' ORDER BY u.rn) FILTER (WHERE u.rn < b.lim),
  CASE WHEN count(*) = b.lim THEN max(u.id) FILTER (WHERE u.rn = b.lim - 1) END,
  CASE WHEN count(*) = b.lim THEN max(u."updatedAt") FILTER (WHERE u.rn = b.lim - 1) END`;

/** One page per request, in order. Every request must have the same pageShape. */
export async function listUploadJsonPages(pool: pg.Pool, requests: readonly PageRequest[]): Promise<UploadJsonPage[]> {
  if (!requests.length) return [];
  const rows = await queryUploads(pool, uploadPagesStatement(requests, "json", selectPage, { grouped: true }));
  const pages = requests.map((): UploadJsonPage => ({ parts: [], next: null }));
  for (const [parts, id, updatedAt, index] of rows) {
    pages[Number(index) - 1] = {
      parts: parts ? parts.split(PART_SEPARATOR) : [],
      next: id == null || updatedAt == null ? null : { updatedAt: new Date(isoTime(updatedAt)), id },
    };
  }
  return pages;
}
