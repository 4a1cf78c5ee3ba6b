-- Notification messages written by the hot-path statement (issue 16): the columns its SET writes beside the change
-- (src/db/record-events-sql.ts). Adding them rewrites nothing: a constant default is kept in the catalog.

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "notifySequence" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "notifyPrevStatus" "UploadStatus",
ADD COLUMN     "notifyFlags" INTEGER;

-- By hand: the uploads already playable (src/uploads/readiness.ts; the ?ready=playable filter's SQL) carry flag 4, so
-- their next change does not announce upload.playable again.
UPDATE "Upload" u SET "notifyFlags" = 4
WHERE u.status NOT IN ('PENDING', 'DELETED')
  AND (u."mediaUrl" <> '' OR EXISTS (SELECT 1 FROM "UploadOutput" o WHERE o."fileId" = u."fileId"
                                       AND o.kind IN ('transcode', 'adaptive') AND o.url <> ''));
