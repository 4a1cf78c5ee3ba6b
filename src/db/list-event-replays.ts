// The replays of one stored event that changed something: each is a row of its own naming the event (replayOf).
import type { Db } from "./db.js";

export interface EventReplay {
  id: bigint;
  outcome: string;
  receivedAt: Date;
}

export function listEventReplays(db: Db, eventId: bigint): Promise<EventReplay[]> {
  return db.prisma.vodEvent.findMany({
    where: { replayOf: eventId },
    select: { id: true, outcome: true, receivedAt: true },
    orderBy: { id: "asc" },
  });
}
