// The readiness probe's question: does the database answer a trivial statement?
import type { Db } from "./db.js";

export async function pingDatabase(db: Db): Promise<void> {
  await db.prisma.$queryRawUnsafe("SELECT 1");
}
