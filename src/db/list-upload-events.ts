// An upload's event timeline: every stored event about its FileId, oldest first — those whose VodEvent.fileId it is
// (the (fileId, id) index) and those naming it besides another FileId (VodEventFile: a FileDeleted of many files).
import type { VodEvent } from "./generated/client.js";
import type { Db } from "./db.js";

export function listUploadEvents(
  db: Db,
  fileId: string,
  page: { limit: number; afterId?: bigint },
): Promise<VodEvent[]> {
  const after = page.afterId ?? -1n;
  return db.prisma.$queryRaw<VodEvent[]>`
    SELECT * FROM "VodEvent" WHERE id IN (
      (SELECT id FROM "VodEvent" WHERE "fileId" = ${fileId} AND id > ${after} ORDER BY id LIMIT ${page.limit})
      UNION
      (SELECT "eventId" FROM "VodEventFile" WHERE "fileId" = ${fileId} AND "eventId" > ${after} ORDER BY "eventId" LIMIT ${page.limit}))
    ORDER BY id LIMIT ${page.limit}`;
}
