// CommitUpload told us the FileId of a PENDING upload. VOD may have delivered events about that FileId first
// (NewFileUpload can overtake the CommitUpload answer): those created a row of their own. The two become one
// row — the PENDING one, whose id the app backend already holds — and ranks still only rise: what the events
// said wins over what the commit says.
import { statusRank } from "./status-rank.js";
import { eventColumns } from "./upload-columns.js";
import type { UploadState } from "./upload-state.js";

export interface Committed {
  fileId: string;
  mediaUrl: string | null;
  coverUrl: string | null;
  at: Date;
}

export function mergeCommitted(pending: UploadState, early: UploadState | null, committed: Committed): UploadState {
  const fromEvents = early ?? ({} as Partial<UploadState>);
  // Every column the events knew wins over the PENDING row's; the exceptions follow.
  const known = Object.fromEntries(
    eventColumns.map((name) => [name, fromEvents[name] ?? pending[name]]),
  ) as UploadState;
  return {
    ...known,
    fileId: committed.fileId,
    status: early && statusRank[early.status] > statusRank.UPLOADED ? early.status : "UPLOADED",
    mediaUrl: fromEvents.mediaUrl ?? committed.mediaUrl ?? pending.mediaUrl,
    coverUrl: fromEvents.coverUrl ?? committed.coverUrl ?? pending.coverUrl,
    metadata: { ...pending.metadata, ...(early?.metadata ?? {}) },
    updatedAt: committed.at,
    uploadedAt: early?.uploadedAt ?? pending.uploadedAt ?? committed.at,
  };
}
