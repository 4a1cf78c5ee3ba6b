-- Tombstones of partial deletes (issue 14): a late report of a deleted output no longer brings it back. Deletes
-- recorded before this migration have none until `vod-tracker rebuild-outputs` re-derives them from the stored events.
-- CreateTable
CREATE TABLE "UploadOutputDeletion" (
    "fileId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" INTEGER NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL,
    "eventId" BIGINT NOT NULL,

    CONSTRAINT "UploadOutputDeletion_pkey" PRIMARY KEY ("fileId","kind","definition")
);

