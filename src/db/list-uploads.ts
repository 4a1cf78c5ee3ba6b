// A page of uploads, newest updatedAt first, by keyset: (updatedAt, id) strictly below the cursor. Stable under
// concurrent writes (no OFFSET drift) and served by the (updatedAt DESC, id DESC) indexes. Raw SQL through Prisma
// for the same reason as find-upload.ts; every value is a bound parameter.
import { Prisma as Sql, type Upload, type UploadStatus } from "./generated/client.js";
import type { Prisma } from "./create-prisma.js";

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

export async function listUploads(
  prisma: Prisma,
  filter: UploadFilter,
  page: { limit: number; after?: UploadCursor },
): Promise<{ items: Upload[]; next: UploadCursor | null }> {
  const conditions = [
    filter.sourceContext !== undefined ? Sql.sql`"sourceContext" = ${filter.sourceContext}` : null,
    filter.status !== undefined ? Sql.sql`"status" = ${filter.status}::"UploadStatus"` : null,
    filter.procedureTaskId !== undefined ? Sql.sql`"procedureTaskId" = ${filter.procedureTaskId}` : null,
    filter.updatedAfter !== undefined ? Sql.sql`"updatedAt" > ${filter.updatedAfter}` : null,
    page.after ? Sql.sql`("updatedAt", "id") < (${page.after.updatedAt}, ${page.after.id})` : null,
  ].filter((condition): condition is Sql.Sql => condition !== null);
  const where = conditions.length ? Sql.sql`WHERE ${Sql.join(conditions, " AND ")}` : Sql.empty;
  const rows = await prisma.$queryRaw<Upload[]>`
    SELECT * FROM "Upload" ${where} ORDER BY "updatedAt" DESC, "id" DESC LIMIT ${page.limit + 1}`;
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}
