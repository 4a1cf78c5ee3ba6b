// Every task heard of on a file (UploadTask, issue 14): task flows, legacy transcodes, pulls, edits — newest first,
// by when it began, else finished, else when we last heard of it (a running task flow names no begin time).
import type { UploadTask } from "./generated/client.js";
import type { Db } from "./db.js";

export function listUploadTasks(db: Db, fileId: string): Promise<UploadTask[]> {
  return db.prisma.$queryRaw<UploadTask[]>`
    SELECT * FROM "UploadTask" WHERE "fileId" = ${fileId}
    ORDER BY coalesce("beganAt", "finishedAt", "updatedAt") DESC, "taskId" DESC`;
}
