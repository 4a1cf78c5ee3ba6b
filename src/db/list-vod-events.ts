// A page of stored events, newest first, by keyset on id (strictly below the cursor): stable while events keep
// arriving, and served by the (fileId, id) index or the partial (outcome, id) and (eventType, id) ones read
// backwards; those two leave out the common value (applied, NewFileUpload) to spare the hot path a B-tree entry
// per event (migration 20261206050000_hot_path_indexes), and a page of it walks the primary key backwards, where
// it is most rows. Prisma's queries are unnamed statements, planned with their values, so the planner can tell a
// filter on a rare value fits the partial index. Payloads are left in the database: a page of summaries should not
// carry up to 200 raw bodies.
import type { Db } from "./db.js";
import type { VodEvent } from "./generated/client.js";

export type VodEventSummary = Omit<VodEvent, "payload" | "payloadText">;

export interface VodEventFilter {
  outcome?: string;
  eventType?: string;
  fileId?: string;
}

export async function listVodEvents(
  db: Db,
  filter: VodEventFilter,
  page: { limit: number; beforeId?: bigint },
): Promise<{ items: VodEventSummary[]; next: bigint | null }> {
  // A FileId filter also finds the events that name the file besides another (VodEventFile, rare): their ids first,
  // so PostgreSQL can OR two index scans instead of testing a subquery on every row.
  const linked =
    filter.fileId === undefined
      ? []
      : (
          await db.prisma.vodEventFile.findMany({
            where: {
              fileId: filter.fileId,
              ...(page.beforeId !== undefined ? { eventId: { lt: page.beforeId } } : {}),
            },
            select: { eventId: true },
          })
        ).map((link) => link.eventId);
  const rows = await db.prisma.vodEvent.findMany({
    where: {
      outcome: filter.outcome,
      eventType: filter.eventType,
      ...(filter.fileId === undefined
        ? {}
        : linked.length
          ? { OR: [{ fileId: filter.fileId }, { id: { in: linked } }] }
          : { fileId: filter.fileId }),
      ...(page.beforeId !== undefined ? { id: { lt: page.beforeId } } : {}),
    },
    omit: { payload: true, payloadText: true },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? last.id : null };
}
