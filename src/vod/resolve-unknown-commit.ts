// A PENDING upload whose CommitUpload answer was lost gets its FileId from the file VOD reported meanwhile
// (findUnclaimedFile: its NewFileUpload made a row of its own), folded in as a commit answer would have been
// (attachFileId). null: nothing, or nothing unambiguous, reported yet — the commit route, an admin reconcile and
// the reconcile sweep ask again later.
import { attachFileId } from "../db/attach-file-id.js";
import type { Db } from "../db/db.js";
import { findUnclaimedFile } from "../db/find-unclaimed-file.js";
import type { Upload } from "../db/rows.js";

export async function resolveUnknownCommit(db: Db, pending: Upload): Promise<Upload | null> {
  const file = await findUnclaimedFile(db, pending);
  if (!file?.fileId) return null;
  return attachFileId(db, pending.id, {
    fileId: file.fileId,
    mediaUrl: file.mediaUrl,
    coverUrl: file.coverUrl,
    at: new Date(),
  });
}
