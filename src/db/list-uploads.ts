// Pages of uploads, newest updatedAt first, by keyset: (updatedAt, id) strictly below the cursor. Stable under
// concurrent writes (no OFFSET drift) and served by the (updatedAt DESC, id DESC) indexes. On pg, as the other
// hot read, each upload as PostgreSQL wrote it (query-uploads.ts says why); listUploads gives Prisma's Upload.
//
// Many pages in one statement (create-upload-reader.ts batches concurrent list requests): the requests travel as
// ONE jsonb parameter and a LATERAL subquery pages each. Requests that filter on the same fields share a statement; the conditions are fixed SQL
// per set of fields, so the planner sees `"status" = b.status`, not `(b.status IS NULL OR ...)`, and keeps the index.
import type pg from "pg";
import type { Upload, UploadStatus } from "./generated/client.js";
import { isoTime } from "./iso-time.js";
import { queryUploads } from "./query-uploads.js";
import { uploadOfText } from "./upload-of-text.js";
import { selectUploadText, uploadTextColumns, type UploadText } from "./upload-text.js";

export interface UploadFilter {
  sourceContext?: string;
  status?: UploadStatus;
  procedureTaskId?: string;
  updatedAfter?: Date;
}

export interface UploadCursor {
  updatedAt: Date;
  id: string;
}

export interface PageRequest {
  filter: UploadFilter;
  limit: number;
  after?: UploadCursor;
}

export interface UploadPage {
  items: Upload[];
  next: UploadCursor | null;
}

export interface UploadTextPage {
  items: UploadText[];
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

/** The fields a request filters on: requests of one shape can share a statement. */
export function pageShape(request: PageRequest): string {
  return conditions
    .filter(([field]) => isSet(request, field))
    .map(([field]) => field)
    .join(",");
}

type Field = keyof UploadFilter | "after";

const conditions: Array<[Field, string]> = [
  ["sourceContext", `"sourceContext" = b."sourceContext"`],
  ["status", `"status" = b.status::"UploadStatus"`],
  ["procedureTaskId", `"procedureTaskId" = b."procedureTaskId"`],
  ["updatedAfter", `"updatedAt" > b."updatedAfter"`],
  ["after", `("updatedAt", "id") < (b."afterAt", b."afterId")`],
];

const isSet = (request: PageRequest, field: Field) =>
  (field === "after" ? request.after : request.filter[field]) !== undefined;

const idAt = uploadTextColumns.indexOf("id");
const updatedAtAt = uploadTextColumns.indexOf("updatedAt");
// The batch index comes after the upload's columns, so a row is an UploadText as it stands.
const batchIndexAt = uploadTextColumns.length;

/** One page per request, in order. Every request must have the same pageShape. */
export async function listUploadPages(pool: pg.Pool, requests: readonly PageRequest[]): Promise<UploadTextPage[]> {
  const first = requests[0];
  if (!first) return [];
  const shape = conditions.filter(([field]) => isSet(first, field));
  const batch = JSON.stringify(
    requests.map((request) => ({
      ...request.filter,
      afterAt: request.after?.updatedAt,
      afterId: request.after?.id,
      lim: request.limit + 1,
    })),
  );
  const rows = await queryUploads(pool, {
    text: `
      SELECT ${selectUploadText("u")}, b.i
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("sourceContext" text, status text, "procedureTaskId" text,
             "updatedAfter" timestamptz, "afterAt" timestamptz, "afterId" text, lim int)) WITH ORDINALITY
           AS b("sourceContext", status, "procedureTaskId", "updatedAfter", "afterAt", "afterId", lim, i)
      CROSS JOIN LATERAL (
        SELECT * FROM "Upload" ${shape.length ? `WHERE ${shape.map(([, sql]) => sql).join(" AND ")}` : ""}
        ORDER BY "updatedAt" DESC, "id" DESC LIMIT b.lim) u
      ORDER BY b.i, u."updatedAt" DESC, u."id" DESC`,
    values: [batch],
  });
  const pages = requests.map((): UploadText[] => []);
  for (const row of rows) pages[Number(row[batchIndexAt]) - 1]?.push(row);
  return pages.map((rowsOfPage, index) => {
    const limit = (requests[index] as PageRequest).limit;
    const items = rowsOfPage.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rowsOfPage.length > limit && last ? cursorOf(last) : null };
  });
}

function cursorOf(upload: UploadText): UploadCursor {
  return { updatedAt: new Date(isoTime(upload[updatedAtAt] as string)), id: upload[idAt] as string };
}
