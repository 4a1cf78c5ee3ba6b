// CommitUpload told us the FileId of a PENDING upload. VOD may have delivered events about that FileId first
// (NewFileUpload can overtake the CommitUpload answer): those created a row of their own. The two become one
// row — the PENDING one, whose id the app backend already holds — and ranks still only rise: what the events
// said wins over what the commit says.
import { statusRank } from "./status-rank.js";
import type { UploadState } from "./upload-state.js";

export interface Committed {
  fileId: string;
  mediaUrl: string | null;
  coverUrl: string | null;
  at: Date;
}

export function mergeCommitted(pending: UploadState, early: UploadState | null, committed: Committed): UploadState {
  const fromEvents = early ?? ({} as Partial<UploadState>);
  const status = early && statusRank[early.status] > statusRank.UPLOADED ? early.status : "UPLOADED";
  const pick = <K extends keyof UploadState>(key: K): UploadState[K] => (fromEvents[key] ?? pending[key]) as UploadState[K];
  return {
    ...pending,
    fileId: committed.fileId,
    status,
    sourceType: pick("sourceType"),
    sourceContext: pick("sourceContext"),
    procedureTaskId: pick("procedureTaskId"),
    procedureStatus: pick("procedureStatus"),
    procedureErrCode: pick("procedureErrCode"),
    procedureMessage: pick("procedureMessage"),
    mediaUrl: fromEvents.mediaUrl ?? committed.mediaUrl ?? pending.mediaUrl,
    coverUrl: fromEvents.coverUrl ?? committed.coverUrl ?? pending.coverUrl,
    name: pick("name"),
    mediaType: pick("mediaType"),
    storageRegion: pick("storageRegion"),
    subAppId: pick("subAppId"),
    metadata: { ...pending.metadata, ...(early?.metadata ?? {}) },
    procedureAt: pick("procedureAt"),
    updatedAt: committed.at,
    uploadedAt: early?.uploadedAt ?? pending.uploadedAt ?? committed.at,
    processedAt: pick("processedAt"),
    deletedAt: pick("deletedAt"),
  };
}
