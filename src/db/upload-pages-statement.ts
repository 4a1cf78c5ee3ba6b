// Pages of uploads, newest updatedAt first, by keyset: (updatedAt, id) strictly below the cursor. Stable under
// concurrent writes (no OFFSET drift) and served by the (updatedAt DESC, id DESC) indexes. The one statement both
// page reads run (list-uploads.ts: uploads as text; list-upload-json-pages.ts: as the parts of their answers), with
// the SELECT list each gives.
//
// Many pages in one statement (the readers batch concurrent list requests: create-upload-reader.ts,
// upload-json-reader.ts): the requests travel as ONE jsonb parameter and a LATERAL subquery pages each. Requests of
// the same shape (the fields they filter on, the ready level, whether they read outputs) share a statement; the
// conditions are fixed SQL per shape, so the planner sees `"status" = b.status`, not `(b.status IS NULL OR ...)`, and
// keeps the index. Each shape's statement is named and so runs prepared (query-uploads.ts).
// The planner guesses 100 requests × 10 % of the table for this statement, so its estimated cost is far above
// jit_above_cost: on a connection with JIT on, a batch of pages with the answer's sub-selects (status-text.ts) took
// 660 ms of JIT for 25 ms of work. Our pool runs with jit=off (create-prisma.ts); keep it so.
import type { UploadStatus } from "./generated/client.js";
import { isoTime } from "./iso-time.js";
import { readySql } from "./ready-sql.js";
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

/** What a request's statement depends on: requests of one shape can share a statement. */
export function pageShape(request: PageRequest): string {
  const fields = conditions.filter(([, isSet]) => isSet(request)).map(([name]) => name);
  return `${fields.join(",")}${request.outputs ? ";outputs" : ""}`;
}

/** A page batcher's admission rule (create-batcher.ts): a batch takes the shape of the oldest waiting request. */
export function samePageShape(): (request: PageRequest) => boolean {
  let shape: string | undefined;
  return (request) => {
    const its = pageShape(request);
    shape ??= its;
    return its === shape;
  };
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

/**
 * The statement's SELECT list, by whether the requests read outputs: of the row `u`, u.rn (1 for a page's newest
 * upload) and b.lim (the request's limit + 1), or aggregates of them for a statement grouped by page.
 */
export type PageSelect = (outputs: boolean) => string;

// One named statement per SELECT list and shape, built on first use: a handful in practice. Short names: PostgreSQL
// cuts a name at 63 bytes, where two long shapes could meet.
const statements = new Map<string, { name: string; text: string }>();

/**
 * The statement for a batch of requests of one shape, its SELECT list from `select` (`kind` names it): a row per
 * upload, newest first, or — `grouped` — a row per page that has uploads, `select` then aggregating them. Each row
 * ends with the request's index in the batch (1-based).
 */
export function uploadPagesStatement(
  requests: readonly PageRequest[],
  kind: string,
  select: PageSelect,
  options: { grouped?: boolean } = {},
): { name: string; text: string; values: unknown[] } {
  const first = requests[0] as PageRequest;
  const key = `${kind}${options.grouped ? "/grouped" : ""};${pageShape(first)}`;
  let statement = statements.get(key);
  if (!statement) {
    const shape = conditions.filter(([, isSet]) => isSet(first));
    const text = `
      SELECT ${select(first.outputs === true)}, b.i
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("sourceContext" text, status text, "procedureTaskId" text,
             "updatedAfter" timestamptz, review text, "afterAt" timestamptz, "afterId" text, lim int)) WITH ORDINALITY
           AS b("sourceContext", status, "procedureTaskId", "updatedAfter", review, "afterAt", "afterId", lim, i)
      CROSS JOIN LATERAL (
        SELECT *, row_number() OVER (ORDER BY "updatedAt" DESC, "id" DESC) AS rn
        FROM "Upload" ${shape.length ? `WHERE ${shape.map(([, , sql]) => sql).join(" AND ")}` : ""}
        ORDER BY "updatedAt" DESC, "id" DESC LIMIT b.lim) u
      ${options.grouped ? "GROUP BY b.i, b.lim ORDER BY b.i" : `ORDER BY b.i, u."updatedAt" DESC, u."id" DESC`}`;
    statements.set(key, (statement = { name: `upload-pages-${statements.size}`, text }));
  }
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
  return { ...statement, values: [batch] };
}

/**
 * The rows of uploadPagesStatement, one page per request in order: the first `limit` rows of each, and a cursor
 * when there was one more. `keysOf` gives the updatedAt and id PostgreSQL wrote for the page's last upload.
 */
export function splitPages<R extends ReadonlyArray<string | null>>(
  requests: readonly PageRequest[],
  rows: readonly R[],
  keysOf: (last: R) => { updatedAt: string; id: string },
): Array<{ items: R[]; next: UploadCursor | null }> {
  const pages = requests.map((): R[] => []);
  for (const row of rows) pages[Number(row[row.length - 1]) - 1]?.push(row);
  return pages.map((rowsOfPage, index) => {
    const limit = (requests[index] as PageRequest).limit;
    const items = rowsOfPage.slice(0, limit);
    const last = items.at(-1);
    if (rowsOfPage.length <= limit || !last) return { items, next: null };
    const { updatedAt, id } = keysOf(last);
    return { items, next: { updatedAt: new Date(isoTime(updatedAt)), id } };
  });
}
