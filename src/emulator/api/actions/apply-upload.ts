// ApplyUpload (vod-reference §6.1-6.2): opens an upload session and hands out where to put the bytes on the
// emulated COS endpoint, with a temporary certificate whose Token that endpoint requires. Region (X-TC-Region) is
// required for this action, as its API doc says. Validation codes from the Go SDK's ApplyUpload error list.
import { z } from "zod";
import { openUploadSession } from "../../uploads/open-upload-session.js";
import { STORAGE_REGION } from "../../uploads/storage-region.js";
import { UPLOAD_FILE_TYPES } from "../../uploads/upload-file-types.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const applyUploadParams = z.strictObject({
  MediaType: z.string(),
  SubAppId: subAppIdParam,
  MediaName: z.string().optional(),
  CoverType: z.string().optional(),
  Procedure: z.string().optional(),
  ExpireTime: z.string().optional(),
  StorageRegion: z.string().optional(),
  ClassId: z.int().min(0).optional(),
  SourceContext: z.string().optional(),
  SessionContext: z.string().optional(),
  ExtInfo: z.string().optional(),
  MediaStoragePath: z.string().optional(),
});

export const applyUpload: ActionHandler = (body, { state, region }) => {
  if (!region) throw new ApiError("MissingParameter", "The request is missing a required parameter `Region`.");
  const params = readParams(applyUploadParams, body);
  const subAppId = subAppIdOf(params.SubAppId, state.appId);
  const mediaType = params.MediaType.toLowerCase();
  if (!UPLOAD_FILE_TYPES.media.has(mediaType)) {
    throw new ApiError("InvalidParameterValue.MediaType", "Unsupported MediaType.");
  }
  const coverType = params.CoverType?.toLowerCase() || undefined;
  if (coverType && !UPLOAD_FILE_TYPES.cover.has(coverType)) {
    throw new ApiError("InvalidParameterValue.CoverType", "Unsupported CoverType.");
  }
  if (params.ExpireTime !== undefined && !ISO_DATE_TIME.test(params.ExpireTime)) {
    throw new ApiError("InvalidParameterValue.ExpireTime", "ExpireTime must be an ISO 8601 date-time.");
  }
  if ((params.SourceContext ?? "").length > 250) {
    throw new ApiError("InvalidParameterValue", "SourceContext is longer than 250 characters.");
  }
  if ((params.SessionContext ?? "").length > 1000) {
    throw new ApiError("InvalidParameterValue.SessionContextTooLong", "SessionContext is longer than 1000 characters.");
  }
  if (params.MediaStoragePath !== undefined && !params.MediaStoragePath.startsWith("/")) {
    throw new ApiError("InvalidParameterValue.MediaStoragePath", "MediaStoragePath must start with /.");
  }
  const storageRegion = params.StorageRegion || STORAGE_REGION.default;
  if (!STORAGE_REGION.pattern.test(storageRegion)) {
    throw new ApiError("InvalidParameterValue.StorageRegion", "StorageRegion is not a region name.");
  }

  const session = openUploadSession(state, {
    subAppId,
    mediaType,
    mediaName: params.MediaName,
    coverType,
    procedure: params.Procedure,
    storageRegion,
    classId: params.ClassId,
    sourceContext: params.SourceContext,
    sessionContext: params.SessionContext,
    expireTime: params.ExpireTime,
    mediaStoragePath: params.MediaStoragePath,
    clientUpload: false,
  });
  const { tempCertificate } = session;
  return {
    StorageBucket: session.storageBucket,
    StorageRegion: session.storageRegion,
    VodSessionKey: session.vodSessionKey,
    MediaStoragePath: session.mediaStoragePath,
    CoverStoragePath: session.coverStoragePath ?? null,
    TempCertificate: {
      SecretId: tempCertificate.secretId,
      SecretKey: tempCertificate.secretKey,
      Token: tempCertificate.token,
      ExpiredTime: tempCertificate.expiredTime,
    },
  };
};
