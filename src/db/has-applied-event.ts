// Has an event of this type ever been applied to this FileId? Reconcile asks it of NewFileUpload: the event that
// carries what only VOD's upload report has (SourceType, metadata, the task-flow id).
import type { Db } from "./db.js";

export async function hasAppliedEvent(db: Db, fileId: string, eventType: string): Promise<boolean> {
  const event = await db.prisma.vodEvent.findFirst({
    where: { fileId, eventType, outcome: "applied" },
    select: { id: true },
  });
  return event !== null;
}
