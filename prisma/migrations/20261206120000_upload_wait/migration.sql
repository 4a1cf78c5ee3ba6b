-- Waits on an upload's status (issue 16 §5, src/db/create-upload-watch.ts): one row per long poll while it lasts.
-- The hot-path statement sends `vod_tracker_upload` only for FileIds that have a row here.
-- By hand: UNLOGGED (no WAL for rows that live seconds and mean nothing after a crash; Prisma's schema cannot say it).

-- CreateTable
CREATE UNLOGGED TABLE "UploadWait" (
    "id" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "fileId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UploadWait_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UploadWait_fileId_idx" ON "UploadWait"("fileId");

-- CreateIndex
CREATE INDEX "UploadWait_uploadId_idx" ON "UploadWait"("uploadId");
