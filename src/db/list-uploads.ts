// Pages of uploads, newest updatedAt first, by keyset: (updatedAt, id) strictly below the cursor. Stable under
// concurrent writes (no OFFSET drift) and served by the (updatedAt DESC, id DESC) indexes. On pg, as the other
// hot read, each upload as PostgreSQL wrote it with what its answer adds (status-text.ts; query-uploads.ts says why);
// listUploads gives Prisma's Upload.
//
// Many pages in one statement (create-upload-reader.ts batches concurrent list requests): the requests travel as
// ONE jsonb parameter and a LATERAL subquery pages each. Requests of the same shape (the fields they filter on, the
// ready level, whether they read outputs) share a statement; the conditions are fixed SQL per shape, so the planner
// sees `"status" = b.status`, not `(b.status IS NULL OR ...)`, and keeps the index.
// The planner guesses 100 requests × 10 % of the table for this statement, so its estimated cost is far above
// jit_above_cost: on a connection with JIT on, a batch of pages with the answer's sub-selects (status-text.ts) took
// 660 ms of JIT for 25 ms of work. Our pool runs with jit=off (create-prisma.ts); keep it so.
import type pg from "pg";
import type { Upload, UploadStatus } from "./generated/client.js";
import { isoTime } from "./iso-time.js";
import { queryUploads } from "./query-uploads.js";
import { uploadOfText } from "./upload-of-text.js";
import { readySql } from "./ready-sql.js";
import { afterStatusText, selectStatusText, type StatusText } from "./status-text.js";
import { uploadTextColumns } from "./upload-text.js";
import type { ReviewStatus } from "../events/review/vod-review.js";
import type { ReadyLevel } from "../uploads/readiness.js";

export interface UploadFilter {
  sourceContext?: string;
  status?: UploadStatus;
  procedureTaskId?: string;
  updatedAfter?: Date;
  /** Only uploads ready at this level (readiness.ts, publishable.ts). */
  ready?: ReadyLevel;
  /** Only uploads whose kept review has this status (Upload.reviewStatus; its partial index serves the page). */
  review?: ReviewStatus;
}

export interface UploadCursor {
  updatedAt: Date;
  id: string;
}

export interface PageRequest {
  filter: UploadFilter;
  limit: number;
  after?: UploadCursor;
  /** Read each upload's outputs too (?include=outputs); else only whether any serves playback. */
  outputs?: boolean;
}

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

/** What a request's statement depends on: requests of one shape can share a statement. */
export function pageShape(request: PageRequest): string {
  const fields = conditions.filter(([, isSet]) => isSet(request)).map(([name]) => name);
  return `${fields.join(",")}${request.outputs ? ";outputs" : ""}`;
}

// The LATERAL subquery reads "Upload" unaliased: unqualified names are its columns, b.… the request's values.
const conditions: Array<[string, (request: PageRequest) => boolean, string]> = [
  ["sourceContext", (r) => r.filter.sourceContext !== undefined, `"sourceContext" = b."sourceContext"`],
  ["status", (r) => r.filter.status !== undefined, `"status" = b.status::"UploadStatus"`],
  ["procedureTaskId", (r) => r.filter.procedureTaskId !== undefined, `"procedureTaskId" = b."procedureTaskId"`],
  ["updatedAfter", (r) => r.filter.updatedAfter !== undefined, `"updatedAt" > b."updatedAfter"`],
  ["review", (r) => r.filter.review !== undefined, `"reviewStatus" = b.review`],
  ["ready=playable", (r) => r.filter.ready === "playable", readySql("playable", `"Upload"`)],
  ["ready=complete", (r) => r.filter.ready === "complete", readySql("complete", `"Upload"`)],
  ["ready=publishable", (r) => r.filter.ready === "publishable", readySql("publishable", `"Upload"`)],
  ["after", (r) => r.after !== undefined, `("updatedAt", "id") < (b."afterAt", b."afterId")`],
];

const idAt = uploadTextColumns.indexOf("id");
const updatedAtAt = uploadTextColumns.indexOf("updatedAt");
// The batch index comes after the answer's values, so a row is a StatusText as it stands.
const batchIndexAt = afterStatusText;

/** One page per request, in order. Every request must have the same pageShape. */
export async function listUploadPages(pool: pg.Pool, requests: readonly PageRequest[]): Promise<UploadTextPage[]> {
  const first = requests[0];
  if (!first) return [];
  const shape = conditions.filter(([, isSet]) => isSet(first));
  const batch = JSON.stringify(
    requests.map((request) => ({
      sourceContext: request.filter.sourceContext,
      status: request.filter.status,
      procedureTaskId: request.filter.procedureTaskId,
      updatedAfter: request.filter.updatedAfter,
      review: request.filter.review,
      afterAt: request.after?.updatedAt,
      afterId: request.after?.id,
      lim: request.limit + 1,
    })),
  );
  const rows = await queryUploads(pool, {
    text: `
      SELECT ${selectStatusText("u", { outputs: first.outputs === true })}, b.i
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("sourceContext" text, status text, "procedureTaskId" text,
             "updatedAfter" timestamptz, review text, "afterAt" timestamptz, "afterId" text, lim int)) WITH ORDINALITY
           AS b("sourceContext", status, "procedureTaskId", "updatedAfter", review, "afterAt", "afterId", lim, i)
      CROSS JOIN LATERAL (
        SELECT * FROM "Upload" ${shape.length ? `WHERE ${shape.map(([, , sql]) => sql).join(" AND ")}` : ""}
        ORDER BY "updatedAt" DESC, "id" DESC LIMIT b.lim) u
      ORDER BY b.i, u."updatedAt" DESC, u."id" DESC`,
    values: [batch],
  });
  const pages = requests.map((): StatusText[] => []);
  for (const row of rows) pages[Number(row[batchIndexAt]) - 1]?.push(row);
  return pages.map((rowsOfPage, index) => {
    const limit = (requests[index] as PageRequest).limit;
    const items = rowsOfPage.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rowsOfPage.length > limit && last ? cursorOf(last) : null };
  });
}

function cursorOf(upload: StatusText): UploadCursor {
  return { updatedAt: new Date(isoTime(upload[updatedAtAt] as string)), id: upload[idAt] as string };
}
