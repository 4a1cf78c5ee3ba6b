// ApplyUpload (vod-reference §6.1-6.2): opens an upload session and hands out where to put the bytes on the
// emulated COS endpoint, with a temporary certificate whose Token that endpoint requires. Region (X-TC-Region) is
// required for this action, as its API doc says. Validation codes from the Go SDK's ApplyUpload error list.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const MEDIA_TYPES = new Set(
  ("wmv rm mov mpeg mp4 3gp flv avi rmvb ts asf mpg webm mkv m3u8 mpd wm asx ram mpe vob dat mp4v m4v f4v mxf qt " +
    "ogg mp3 m4a flac wav amr aac wma jpg jpeg png gif bmp tif tiff webp heic").split(" "),
);
const COVER_TYPES = new Set(["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp"]);
const DEFAULT_STORAGE_REGION = "ap-guangzhou";
const CERTIFICATE_LIFETIME_SECONDS = 3600;
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
  if (!MEDIA_TYPES.has(mediaType)) throw new ApiError("InvalidParameterValue.MediaType", "Unsupported MediaType.");
  const coverType = params.CoverType?.toLowerCase() || undefined;
  if (coverType && !COVER_TYPES.has(coverType)) {
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
  const storageRegion = params.StorageRegion || DEFAULT_STORAGE_REGION;
  if (!/^[a-z]+(-[a-z0-9]+)+$/.test(storageRegion)) {
    throw new ApiError("InvalidParameterValue.StorageRegion", "StorageRegion is not a region name.");
  }

  const directory = `/${randomBytes(8).toString("hex")}`;
  const mediaStoragePath = params.MediaStoragePath ?? `${directory}/f0.${mediaType}`;
  const coverStoragePath = coverType ? `${mediaStoragePath.replace(/\.[^./]*$/, "")}-cover.${coverType}` : undefined;
  const vodSessionKey = randomBytes(24).toString("base64url");
  const tempCertificate = {
    secretId: `AKIDvodemu${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(20).toString("base64url"),
    token: randomBytes(32).toString("base64url"),
    expiredTime: Math.floor(Date.now() / 1000) + CERTIFICATE_LIFETIME_SECONDS,
  };
  // cos-nodejs-sdk-v5 insists on "<name>-<digits>" buckets; VOD's own look like that too.
  const storageBucket = `vodemu${subAppId || state.appId}-${state.appId}`;
  state.sessions.set(vodSessionKey, {
    vodSessionKey,
    subAppId,
    mediaType,
    mediaName: params.MediaName,
    coverType,
    procedure: params.Procedure || undefined,
    storageRegion,
    storageBucket,
    mediaStoragePath,
    coverStoragePath,
    customStoragePath: params.MediaStoragePath !== undefined,
    classId: params.ClassId ?? 0,
    sourceContext: params.SourceContext ?? "",
    sessionContext: params.SessionContext ?? "",
    expireTime: params.ExpireTime,
    tempCertificate,
    committed: false,
    createdAt: Date.now(),
  });
  state.sessionKeyByToken.set(tempCertificate.token, vodSessionKey);

  return {
    StorageBucket: storageBucket,
    StorageRegion: storageRegion,
    VodSessionKey: vodSessionKey,
    MediaStoragePath: mediaStoragePath,
    CoverStoragePath: coverStoragePath ?? null,
    TempCertificate: {
      SecretId: tempCertificate.secretId,
      SecretKey: tempCertificate.secretKey,
      Token: tempCertificate.token,
      ExpiredTime: tempCertificate.expiredTime,
    },
  };
};
