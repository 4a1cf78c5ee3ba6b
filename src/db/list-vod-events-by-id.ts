// Stored events by their ids, oldest first (what a reconcile just recorded, for its answer).
import type { Db } from "./db.js";
import type { VodEvent } from "./generated/client.js";

export function listVodEventsById(db: Db, ids: readonly bigint[]): Promise<VodEvent[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.prisma.vodEvent.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: "asc" } });
}
