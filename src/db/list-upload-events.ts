// An upload's event timeline: every stored event about its FileId, oldest first (served by the (fileId, id) index).
import type { Prisma } from "./create-prisma.js";
import type { VodEvent } from "./generated/client.js";

export function listUploadEvents(prisma: Prisma, fileId: string, page: { limit: number; afterId?: bigint }): Promise<VodEvent[]> {
  return prisma.vodEvent.findMany({
    where: { fileId, ...(page.afterId !== undefined ? { id: { gt: page.afterId } } : {}) },
    orderBy: { id: "asc" },
    take: page.limit,
  });
}
