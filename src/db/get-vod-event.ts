import { AppError } from "../errors.js";
import type { Db } from "./db.js";
import type { VodEvent } from "./generated/client.js";

/** One stored event with its payload; not_found when there is no such id. */
export async function getVodEvent(db: Db, id: bigint): Promise<VodEvent> {
  const event = await db.prisma.vodEvent.findUnique({ where: { id } });
  if (!event) throw new AppError("not_found", `no event ${id}`);
  return event;
}
