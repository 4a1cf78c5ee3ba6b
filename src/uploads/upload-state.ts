// The Upload as the status rule sees it: the columns an event can change. Dates are Date; subAppId is a decimal
// string (it is a BigInt column). Kept free of Prisma types so the rule stays a pure function.

export const uploadStatuses = ["PENDING", "UPLOADED", "PROCESSING", "PROCESSED", "FAILED", "DELETED"] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

export interface UploadState {
  fileId: string | null;
  status: UploadStatus;
  sourceType: string | null;
  sourceContext: string | null;
  procedureTaskId: string | null;
  procedureStatus: string | null;
  procedureErrCode: number | null;
  procedureMessage: string | null;
  mediaUrl: string | null;
  coverUrl: string | null;
  name: string | null;
  mediaType: string | null;
  storageRegion: string | null;
  subAppId: string | null;
  metadata: Record<string, unknown>;
  procedureAt: Date | null;
  updatedAt: Date;
  uploadedAt: Date | null;
  processedAt: Date | null;
  deletedAt: Date | null;
}
