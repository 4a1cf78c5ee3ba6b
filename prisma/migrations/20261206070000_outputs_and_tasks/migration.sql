-- Issue 14: what VOD produced for each file (UploadOutput), every task on it (UploadTask), the session fields VOD
-- echoes and, for an edit or compose output, the files it was made from (Upload.derivedFrom). Written by prisma
-- migrate diff; the Upload columns are added in the schema's order (upload-columns.ts lists the table's order).
-- No foreign keys and no index beyond the primary keys: the hot-path statement writes these tables, and every
-- read is by FileId (a primary-key prefix).
--
-- Backfill: events stored before this migration have no outputs or tasks here. A migration cannot run the
-- TypeScript normalisers, so the backfill is a command: `vod-tracker rebuild-outputs` re-derives outputs, tasks,
-- links and missing session fields from the stored events through the same code as the hot path, in batches, and
-- may run while the service serves (and twice). Run it once after this migration.
-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "sessionContext" TEXT,
ADD COLUMN     "sessionId" TEXT,
ADD COLUMN     "derivedFrom" JSONB;

-- CreateTable
CREATE TABLE "UploadOutput" (
    "fileId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" INTEGER NOT NULL,
    "url" TEXT,
    "container" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "bitrate" BIGINT,
    "size" BIGINT,
    "duration" DOUBLE PRECISION,
    "md5" TEXT,
    "drmType" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "taskId" TEXT,
    "subtask" TEXT,
    "finishedAt" TIMESTAMPTZ(3),
    "eventId" BIGINT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UploadOutput_pkey" PRIMARY KEY ("fileId","kind","definition")
);

-- CreateTable
CREATE TABLE "UploadTask" (
    "fileId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failed" BOOLEAN NOT NULL DEFAULT false,
    "errCode" INTEGER,
    "message" TEXT,
    "subtasks" JSONB NOT NULL DEFAULT '[]',
    "beganAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "eventId" BIGINT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UploadTask_pkey" PRIMARY KEY ("fileId","taskId")
);

