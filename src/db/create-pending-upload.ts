// The row an ApplyUpload starts: PENDING, linked to VOD by its VodSessionKey until CommitUpload names the FileId.
import type { Db } from "./db.js";
import type { Upload } from "./generated/client.js";
import { newUploadId } from "../uploads/upload-ref.js";

export interface PendingUpload {
  vodSessionKey: string;
  mediaType: string;
  name: string | null;
  procedure: string | null;
  storageRegion: string | null;
  sourceContext: string | null;
  subAppId: number | null;
  classId: number | null;
}

export function createPendingUpload(db: Db, pending: PendingUpload): Promise<Upload> {
  return db.prisma.upload.create({
    data: {
      id: newUploadId(),
      status: "PENDING",
      vodSessionKey: pending.vodSessionKey,
      mediaType: pending.mediaType,
      name: pending.name,
      procedure: pending.procedure,
      storageRegion: pending.storageRegion,
      sourceContext: pending.sourceContext,
      subAppId: pending.subAppId ? BigInt(pending.subAppId) : null,
      metadata: pending.classId !== null ? { classId: pending.classId } : {},
    },
  });
}
