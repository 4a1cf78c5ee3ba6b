-- CreateTable
CREATE TABLE "NotifyEndpoint" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifyEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyMessage" (
    "id" BIGSERIAL NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "uploadId" TEXT,
    "sequence" BIGINT,
    "body" TEXT,
    "snapshot" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "NotifyMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotifyAttempt" (
    "id" BIGSERIAL NOT NULL,
    "messageId" BIGINT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "response" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotifyAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotifyMessage_endpointId_id_idx" ON "NotifyMessage"("endpointId", "id");

-- CreateIndex
CREATE INDEX "NotifyMessage_uploadId_id_idx" ON "NotifyMessage"("uploadId", "id");

-- CreateIndex
CREATE INDEX "NotifyMessage_status_updatedAt_idx" ON "NotifyMessage"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "NotifyAttempt_messageId_id_idx" ON "NotifyAttempt"("messageId", "id");

-- CreateIndex
CREATE INDEX "NotifyAttempt_endpointId_id_idx" ON "NotifyAttempt"("endpointId", "id");

-- AddForeignKey
ALTER TABLE "NotifyMessage" ADD CONSTRAINT "NotifyMessage_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "NotifyEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotifyAttempt" ADD CONSTRAINT "NotifyAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "NotifyMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- By hand (Prisma's schema cannot express a partial index): the claim's index. Only messages still to deliver are in
-- it, so it stays small however many delivered messages the table keeps.
CREATE INDEX "NotifyMessage_pending_idx" ON "NotifyMessage"("nextAttemptAt", "id") WHERE "status" = 'pending';
