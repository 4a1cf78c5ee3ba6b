// Records CommitUpload's FileId on a PENDING upload, folding in a row that events about the same FileId created
// meanwhile (see merge-committed.ts). One transaction with both rows locked: an event for that FileId arriving
// now waits, then updates the merged row (its ON CONFLICT finds the FileId on it).
import type { Db } from "./db.js";
import { Prisma, type Upload } from "./generated/client.js";
import { mergeCommitted, type Committed } from "../uploads/merge-committed.js";
import { uploadStateOf } from "./upload-state-of.js";
import { commitOutcomeUnknown } from "./commit-outcome-unknown.js";
import { retryOnConflict } from "./retry-on-conflict.js";
import { notifyWaitedRefsSql } from "./notify-waited-uploads-sql.js";
import { uploadsChanged } from "./uploads-changed.js";

export async function attachFileId(db: Db, uploadId: string, committed: Committed): Promise<Upload> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const attached = await retryOnConflict(() => attachOnce(db, uploadId, committed));
      uploadsChanged(db.pool, [uploadId, committed.fileId]);
      return attached;
    } catch (error) {
      // P2002 = unique violation: an event created the FileId's row after we looked. The next try folds it in.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 3) throw error;
    }
  }
}

function attachOnce(db: Db, uploadId: string, committed: Committed): Promise<Upload> {
  return db.prisma.$transaction(async (tx) => {
    const [pending] = await tx.$queryRaw<Upload[]>`SELECT * FROM "Upload" WHERE "id" = ${uploadId} FOR UPDATE`;
    if (!pending) throw new Error(`upload ${uploadId} vanished during commit`);
    const [early] = await tx.$queryRaw<Upload[]>`
      SELECT * FROM "Upload" WHERE "fileId" = ${committed.fileId} AND "id" <> ${uploadId} FOR UPDATE`;
    if (early) await tx.upload.delete({ where: { id: early.id } });
    const merged = mergeCommitted(uploadStateOf(pending), early ? uploadStateOf(early) : null, committed);
    const { subAppId, metadata: mergedMetadata, review, ...rest } = merged;
    // With its FileId known, a lost commit answer no longer matters.
    const { [commitOutcomeUnknown.key]: _resolved, ...metadata } = mergedMetadata;
    // Long polls in other processes on either row hear it at commit (notify-waited-uploads-sql.ts).
    await tx.$queryRawUnsafe(notifyWaitedRefsSql, [uploadId, committed.fileId]);
    return tx.upload.update({
      where: { id: uploadId },
      data: {
        ...rest,
        subAppId: subAppId === null ? null : BigInt(subAppId),
        metadata: metadata as Prisma.InputJsonObject,
        // A nullable jsonb column takes Prisma's DbNull for SQL NULL.
        review: review === null ? Prisma.DbNull : (review as Prisma.InputJsonObject),
      },
    });
  });
}
