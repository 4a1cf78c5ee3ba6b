// The file VOD created for a PENDING upload whose CommitUpload answer was lost, if its NewFileUpload reached us.
// Such an event found no row with its FileId and made one of its own: no VodSessionKey, created after the PENDING
// row, with what NewFileUpload echoes of ApplyUpload — SourceContext (documented, vod-reference §6.1), and the
// media type and name (inferred: VOD reports them as given; a name is compared only when the app gave one).
// Nothing VOD sends names the VodSessionKey or the COS key (MediaBasicInfo.StoragePath is filled only for
// "FileID + Path" apps), so this is a match by likeness, accepted only when it is unambiguous both ways: exactly
// one such file for the upload, and no other upload awaiting a lost commit that the file would fit as well.
import type { Db } from "./db.js";
import type { Upload } from "./generated/client.js";

export async function findUnclaimedFile(db: Db, pending: Upload): Promise<Upload | null> {
  const candidates = await db.prisma.$queryRaw<Upload[]>`
    SELECT o.* FROM "Upload" o
    WHERE o."fileId" IS NOT NULL AND o."vodSessionKey" IS NULL
      AND o."createdAt" >= ${pending.createdAt}
      AND COALESCE(o."sourceContext", '') = COALESCE(${pending.sourceContext}::text, '')
      AND (o."mediaType" IS NULL OR ${pending.mediaType}::text IS NULL OR lower(o."mediaType") = lower(${pending.mediaType}::text))
      AND (${pending.name}::text IS NULL OR o."name" = ${pending.name}::text)
      AND NOT EXISTS (
        SELECT 1 FROM "Upload" p
        WHERE p."id" <> ${pending.id} AND p."fileId" IS NULL AND p."metadata"->>'commitOutcome' = 'unknown'
          AND p."createdAt" <= o."createdAt"
          AND COALESCE(p."sourceContext", '') = COALESCE(o."sourceContext", '')
          AND (o."mediaType" IS NULL OR p."mediaType" IS NULL OR lower(o."mediaType") = lower(p."mediaType"))
          AND (p."name" IS NULL OR p."name" = o."name"))
    LIMIT 2`;
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}
