// Marks a PENDING upload whose CommitUpload may have taken effect unseen (commit-outcome-unknown.ts). updatedAt
// moves, so the reconcile sweep looks at it again once it has been quiet.
import type { Db } from "./db.js";
import { commitOutcomeUnknown } from "./commit-outcome-unknown.js";

export async function markCommitOutcomeUnknown(db: Db, uploadId: string): Promise<void> {
  const mark = JSON.stringify({ [commitOutcomeUnknown.key]: commitOutcomeUnknown.value });
  await db.prisma.$executeRaw`
    UPDATE "Upload" SET "metadata" = "metadata" || ${mark}::jsonb, "updatedAt" = now()
    WHERE "id" = ${uploadId} AND "fileId" IS NULL`;
}
