// Has an event of this type ever been applied to this FileId? Reconcile asks it of NewFileUpload: the event that
// carries what only VOD's upload report has (SourceType, metadata, the task-flow id).
import type { Prisma } from "./create-prisma.js";

export async function hasAppliedEvent(prisma: Prisma, fileId: string, eventType: string): Promise<boolean> {
  const event = await prisma.vodEvent.findFirst({ where: { fileId, eventType, outcome: "applied" }, select: { id: true } });
  return event !== null;
}
