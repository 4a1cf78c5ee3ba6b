-- Events naming several FileIds (a FileDeleted of many files) are linked to each FileId besides VodEvent.fileId,
-- so that every file's timeline shows them. Written with prisma migrate diff; the backfill at the end is by hand.
-- CreateTable
CREATE TABLE "VodEventFile" (
    "fileId" TEXT NOT NULL,
    "eventId" BIGINT NOT NULL,

    CONSTRAINT "VodEventFile_pkey" PRIMARY KEY ("fileId","eventId")
);

-- CreateIndex
CREATE INDEX "VodEventFile_eventId_idx" ON "VodEventFile"("eventId");

-- AddForeignKey
ALTER TABLE "VodEventFile" ADD CONSTRAINT "VodEventFile_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "VodEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: the FileIds that stored FileDeleted events name (FileIdSet and FileDeleteResultInfo[].FileId in the
-- current format, data.fileInfo[].fileId in the 2017 one), besides the one in VodEvent.fileId. Bodies that only
-- payloadText holds (jsonb could not) are not read.
INSERT INTO "VodEventFile" ("fileId", "eventId")
SELECT DISTINCT named."fileId", e.id
FROM "VodEvent" e
CROSS JOIN LATERAL (
  SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.payload -> 'FileDeleteEvent' -> 'FileIdSet') = 'array'
                                        THEN e.payload -> 'FileDeleteEvent' -> 'FileIdSet' ELSE '[]' END)
  UNION
  SELECT r ->> 'FileId' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'FileDeleteEvent' -> 'FileDeleteResultInfo') = 'array'
                                                       THEN e.payload -> 'FileDeleteEvent' -> 'FileDeleteResultInfo' ELSE '[]' END) r
  UNION
  SELECT r ->> 'fileId' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'data' -> 'fileInfo') = 'array'
                                                       THEN e.payload -> 'data' -> 'fileInfo' ELSE '[]' END) r
) AS named("fileId")
WHERE e."eventType" = 'FileDeleted' AND e.outcome <> 'invalid' AND named."fileId" IS NOT NULL
  AND named."fileId" IS DISTINCT FROM e."fileId"
ON CONFLICT DO NOTHING;
