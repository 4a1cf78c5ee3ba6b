-- Pull uploads and moderation verdicts (issue 15). The ALTER is prisma migrate diff's, its columns put back in the
-- schema's order (the diff lists them alphabetically; src/uploads/upload-columns.ts follows the table's order). The
-- indexes are by hand: Prisma's schema cannot express a partial or an expression index (schema.prisma says why each).

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "pullTaskId" TEXT,
ADD COLUMN     "pullErrCode" INTEGER,
ADD COLUMN     "pullMessage" TEXT,
ADD COLUMN     "review" JSONB,
ADD COLUMN     "reviewStatus" TEXT,
ADD COLUMN     "reviewTaskId" TEXT,
ADD COLUMN     "reviewAt" TIMESTAMPTZ(3);

-- Only uploads pulled from a URL have a pull TaskId: partial, so the uploads callbacks create take no entry for NULL.
CREATE UNIQUE INDEX "Upload_pullTaskId_key" ON "Upload"("pullTaskId") WHERE "pullTaskId" IS NOT NULL;

-- The 2017 format names a pull task without the AppId prefix the current one and PullUpload's answer carry
-- ("Pull-f5ac…" for "1256768367-Pull-f5ac…"): a PullComplete finds its upload by the TaskId from "Pull-" on
-- (src/db/pull-key-sql.ts writes the same expression).
CREATE INDEX "Upload_pullKey_idx" ON "Upload"((substring("pullTaskId" from strpos("pullTaskId", 'Pull-'))))
  WHERE "pullTaskId" IS NOT NULL;

-- Lists filtered by verdict (?review=block), newest first: only uploads a review was asked for take an entry.
CREATE INDEX "Upload_reviewStatus_updatedAt_id_idx" ON "Upload"("reviewStatus", "updatedAt" DESC, "id" DESC)
  WHERE "reviewStatus" IS NOT NULL;
