// The Upload JSON of the API contract (DESIGN §6): ISO-8601 times, null where unknown.
import { z } from "zod";
import type { Upload } from "../db/generated/client.js";
import { uploadStatuses } from "../uploads/upload-state.js";

export const uploadJsonSchema = z.object({
  id: z.string(),
  fileId: z.string().nullable(),
  status: z.enum(uploadStatuses),
  sourceType: z.string().nullable(),
  sourceContext: z.string().nullable(),
  procedure: z.string().nullable(),
  procedureTaskId: z.string().nullable(),
  procedureStatus: z.string().nullable(),
  procedureErrCode: z.number().int().nullable(),
  procedureMessage: z.string().nullable(),
  mediaUrl: z.string().nullable(),
  coverUrl: z.string().nullable(),
  name: z.string().nullable(),
  mediaType: z.string().nullable(),
  storageRegion: z.string().nullable(),
  subAppId: z.number().int().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  uploadedAt: z.iso.datetime().nullable(),
  processedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
});

export type UploadJson = z.infer<typeof uploadJsonSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function uploadJson(upload: Upload): UploadJson {
  return {
    id: upload.id,
    fileId: upload.fileId,
    status: upload.status,
    sourceType: upload.sourceType,
    sourceContext: upload.sourceContext,
    procedure: upload.procedure,
    procedureTaskId: upload.procedureTaskId,
    procedureStatus: upload.procedureStatus,
    procedureErrCode: upload.procedureErrCode,
    procedureMessage: upload.procedureMessage,
    mediaUrl: upload.mediaUrl,
    coverUrl: upload.coverUrl,
    name: upload.name,
    mediaType: upload.mediaType,
    storageRegion: upload.storageRegion,
    subAppId: upload.subAppId === null ? null : Number(upload.subAppId),
    metadata: (upload.metadata ?? {}) as Record<string, unknown>,
    createdAt: upload.createdAt.toISOString(),
    updatedAt: upload.updatedAt.toISOString(),
    uploadedAt: iso(upload.uploadedAt),
    processedAt: iso(upload.processedAt),
    deletedAt: iso(upload.deletedAt),
  };
}
