-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('PENDING', 'UPLOADED', 'PROCESSING', 'PROCESSED', 'FAILED', 'DELETED');

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL,
    "fileId" TEXT,
    "vodSessionKey" TEXT,
    "status" "UploadStatus" NOT NULL,
    "sourceType" TEXT,
    "sourceContext" TEXT,
    "procedure" TEXT,
    "procedureTaskId" TEXT,
    "procedureStatus" TEXT,
    "procedureErrCode" INTEGER,
    "procedureMessage" TEXT,
    "mediaUrl" TEXT,
    "coverUrl" TEXT,
    "name" TEXT,
    "mediaType" TEXT,
    "storageRegion" TEXT,
    "subAppId" BIGINT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "procedureAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedAt" TIMESTAMPTZ(3),
    "processedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VodEvent" (
    "id" BIGSERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "fileId" TEXT,
    "procedureTaskId" TEXT,
    "payload" JSONB,
    "payloadText" TEXT,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VodEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Upload_fileId_key" ON "Upload"("fileId");

-- CreateIndex
CREATE UNIQUE INDEX "Upload_vodSessionKey_key" ON "Upload"("vodSessionKey");

-- CreateIndex
CREATE INDEX "Upload_sourceContext_idx" ON "Upload"("sourceContext");

-- CreateIndex
CREATE INDEX "Upload_procedureTaskId_idx" ON "Upload"("procedureTaskId");

-- CreateIndex
CREATE INDEX "Upload_updatedAt_id_idx" ON "Upload"("updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Upload_status_updatedAt_id_idx" ON "Upload"("status", "updatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "VodEvent_dedupeKey_key" ON "VodEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "VodEvent_fileId_id_idx" ON "VodEvent"("fileId", "id");

-- CreateIndex
CREATE INDEX "VodEvent_outcome_id_idx" ON "VodEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "VodEvent_eventType_id_idx" ON "VodEvent"("eventType", "id");

-- CreateIndex
CREATE INDEX "VodEvent_receivedAt_idx" ON "VodEvent"("receivedAt");

