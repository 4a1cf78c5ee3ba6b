// A page of uploads, newest updatedAt first, by keyset: (updatedAt, id) strictly below the cursor. Stable under
// concurrent writes (no OFFSET drift) and served by the (updatedAt DESC, id DESC) indexes.
import type { Prisma } from "./create-prisma.js";
import type { Upload, UploadStatus } from "./generated/client.js";

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
  const rows = await prisma.upload.findMany({
    where: {
      sourceContext: filter.sourceContext,
      status: filter.status,
      procedureTaskId: filter.procedureTaskId,
      AND: [
        filter.updatedAfter ? { updatedAt: { gt: filter.updatedAfter } } : {},
        page.after
          ? { OR: [{ updatedAt: { lt: page.after.updatedAt } }, { updatedAt: page.after.updatedAt, id: { lt: page.after.id } }] }
          : {},
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}
