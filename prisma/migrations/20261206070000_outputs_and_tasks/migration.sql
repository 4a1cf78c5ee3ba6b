-- Issue 14: what VOD produced for each file (UploadOutput), every task on it (UploadTask), and the session fields VOD
-- echoes. Written by prisma migrate diff. The rebuild of outputs from stored events is `vod-tracker rebuild-outputs`.
-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "sessionContext" TEXT,
ADD COLUMN     "sessionId" TEXT;

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
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UploadTask_pkey" PRIMARY KEY ("fileId","taskId")
);

