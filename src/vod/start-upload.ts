// ApplyUpload, then a PENDING upload linked to VOD by its VodSessionKey (DESIGN §6-7). The answer says where and
// how to put the bytes: COS bucket, region, object keys and temporary credentials. An answer missing any of the
// four we cannot do without is VOD's fault (vod_error), refused before a row is written: a PENDING row with an
// empty VodSessionKey could never be committed.
import { z } from "zod";
import { AppError } from "../errors.js";
import { storableText } from "../storable-text.js";
import { createPendingUpload } from "../db/create-pending-upload.js";
import type { Db } from "../db/db.js";
import type { Upload } from "../db/rows.js";
import { callVod } from "./call-vod.js";
import type { VodClient } from "./client.js";

export const startUploadSchema = z.object({
  mediaType: z.string().regex(/^[A-Za-z0-9]{1,16}$/, "a file extension such as mp4"),
  mediaName: storableText(1, 256).optional(),
  coverType: z
    .string()
    .regex(/^[A-Za-z0-9]{1,16}$/)
    .optional(),
  procedure: storableText(1, 128).optional(),
  storageRegion: storableText(1, 64).optional(),
  sourceContext: storableText(0, 250).optional(),
  sessionContext: storableText(0, 1000).optional(),
  classId: z.number().int().min(0).optional(),
  subAppId: z.number().int().positive().optional(),
});

export type StartUpload = z.infer<typeof startUploadSchema>;

export interface UploadTarget {
  bucket: string;
  region: string;
  mediaKey: string;
  coverKey: string | null;
  credentials: { secretId: string; secretKey: string; token: string } | null;
  expiresAt: string | null;
  vodSessionKey: string;
}

export async function startUpload(
  deps: { db: Db | null; vod: VodClient; defaultSubAppId?: number },
  request: StartUpload,
): Promise<{ upload: Upload | null; target: UploadTarget }> {
  const subAppId = request.subAppId ?? deps.defaultSubAppId;
  const applied = await callVod(
    "ApplyUpload",
    () =>
      deps.vod.ApplyUpload({
        MediaType: request.mediaType,
        MediaName: request.mediaName,
        CoverType: request.coverType,
        Procedure: request.procedure,
        StorageRegion: request.storageRegion,
        SourceContext: request.sourceContext,
        SessionContext: request.sessionContext,
        ClassId: request.classId,
        SubAppId: subAppId,
      }),
    // A repeated ApplyUpload only opens a second session; the unused one expires at VOD.
    { idempotent: true },
  );
  const required = requireFields(applied);
  const certificate = applied.TempCertificate;
  const target: UploadTarget = {
    bucket: required.StorageBucket,
    region: required.StorageRegion,
    mediaKey: required.MediaStoragePath,
    coverKey: applied.CoverStoragePath ?? null,
    credentials:
      certificate?.SecretId && certificate.SecretKey && certificate.Token
        ? { secretId: certificate.SecretId, secretKey: certificate.SecretKey, token: certificate.Token }
        : null,
    expiresAt: certificate?.ExpiredTime ? new Date(certificate.ExpiredTime * 1000).toISOString() : null,
    vodSessionKey: required.VodSessionKey,
  };
  const upload = deps.db
    ? await createPendingUpload(deps.db, {
        vodSessionKey: target.vodSessionKey,
        mediaType: request.mediaType,
        name: request.mediaName ?? null,
        procedure: request.procedure ?? null,
        storageRegion: request.storageRegion ?? null,
        sourceContext: request.sourceContext ?? null,
        subAppId: subAppId ?? null,
        classId: request.classId ?? null,
      })
    : null;
  return { upload, target };
}

const requiredFields = ["StorageBucket", "StorageRegion", "MediaStoragePath", "VodSessionKey"] as const;

function requireFields(
  applied: Partial<Record<(typeof requiredFields)[number], string | null>> & { RequestId?: string },
) {
  const missing = requiredFields.filter((field) => !applied[field]);
  if (missing.length > 0) {
    throw new AppError("vod_error", `VOD ApplyUpload answered without ${missing.join(", ")}`, {
      action: "ApplyUpload",
      vodCode: null,
      requestId: applied.RequestId || null,
      outcome: "failed",
      missing,
    });
  }
  return applied as Record<(typeof requiredFields)[number], string>;
}
