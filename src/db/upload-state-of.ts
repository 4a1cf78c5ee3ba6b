// Prisma's Upload row ↔ the pure rule's UploadState.
import type { Upload } from "./generated/client.js";
import type { UploadState } from "../uploads/upload-state.js";

export function uploadStateOf(row: Upload): UploadState {
  return {
    fileId: row.fileId, status: row.status, sourceType: row.sourceType, sourceContext: row.sourceContext,
    procedureTaskId: row.procedureTaskId, procedureStatus: row.procedureStatus, procedureErrCode: row.procedureErrCode,
    procedureMessage: row.procedureMessage, mediaUrl: row.mediaUrl, coverUrl: row.coverUrl, name: row.name,
    mediaType: row.mediaType, storageRegion: row.storageRegion,
    subAppId: row.subAppId === null ? null : String(row.subAppId),
    metadata: (row.metadata ?? {}) as Record<string, unknown>, procedureAt: row.procedureAt, updatedAt: row.updatedAt,
    uploadedAt: row.uploadedAt, processedAt: row.processedAt, deletedAt: row.deletedAt,
  };
}
