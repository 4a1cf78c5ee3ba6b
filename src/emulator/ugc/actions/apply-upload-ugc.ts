// ApplyUploadUGC, the first call of a client upload (POST vod2.qcloud.com/v3/index.php?Action=ApplyUploadUGC), as
// the upload SDKs make and read it: vod-js-sdk-v6 src/uploader.ts (applyUploadUGC, IApplyData), the Android/iOS
// TVCClient (getCosInitURLRequest, parseInitRsp). Three request forms:
//   {signature, videoName, videoType, videoSize, coverName?, coverType?, coverSize?}  → a new upload session;
//   {signature, vodSessionKey}                   → the same session again (resume; the JS SDK also re-applies from
//                                                  COS's getAuthorization to refresh expired COS credentials);
//   {signature, fileId, cover…}                  → replace a cover: not emulated.
// Task flow, contexts, class, region and sub-application come from the signature, never from the body. The mobile
// SDKs also send clientReportId, clientVersion and a storageRegion hint of their own; those are ignored.
// The answer's storageBucket lacks the "-<AppId>" suffix: clients append "-" + storageAppId. storageSignature is a
// leftover of COS's retired v4 API that no current SDK reads; it stays empty here.
import { z } from "zod";
import type { EmulatorState, UploadSession } from "../../emulator-state.js";
import { subAppIdOf } from "../../api/sub-app-id.js";
import { issueTempCertificate } from "../../uploads/issue-temp-certificate.js";
import { openUploadSession } from "../../uploads/open-upload-session.js";
import { STORAGE_REGION } from "../../uploads/storage-region.js";
import { UPLOAD_FILE_TYPES } from "../../uploads/upload-file-types.js";
import { authenticateUgcRequest } from "../authenticate-ugc-request.js";
import { findClientSession } from "../find-client-session.js";
import { UgcError } from "../ugc-error.js";
import type { UgcAction } from "../ugc-context.js";

const applyBody = z.object({
  signature: z.unknown().optional(),
  vodSessionKey: z.string().optional(),
  videoName: z.string().optional(),
  videoType: z.string().optional(),
  coverName: z.string().optional(),
  coverType: z.string().optional(),
  fileId: z.string().optional(),
});

export const applyUploadUgc: UgcAction = (body, { state, host }) => {
  const parsed = applyBody.safeParse(body);
  if (!parsed.success) throw new UgcError("invalidRequest", "invalid request");
  const params = parsed.data;
  const claims = authenticateUgcRequest(state, params.signature, "ApplyUploadUGC");
  const subAppId = subAppIdOf(claims.vodSubAppId, state.appId);

  if (params.vodSessionKey) return applyData(state, findClientSession(state, params.vodSessionKey, subAppId), host);
  if (params.fileId) throw new UgcError("invalidRequest", "replacing the cover of a file is not emulated");
  const mediaType = params.videoType?.toLowerCase() ?? "";
  if (!UPLOAD_FILE_TYPES.media.has(mediaType)) throw new UgcError("invalidRequest", "videoType is not supported");
  const coverType = params.coverType?.toLowerCase() || undefined;
  if (coverType && !UPLOAD_FILE_TYPES.cover.has(coverType)) {
    throw new UgcError("invalidRequest", "coverType is not supported");
  }
  const session = openUploadSession(state, {
    subAppId,
    mediaType,
    mediaName: params.videoName,
    coverType,
    procedure: claims.procedure,
    storageRegion: claims.storageRegion ?? STORAGE_REGION.default,
    classId: claims.classId,
    sourceContext: claims.sourceContext,
    sessionContext: claims.sessionContext,
    clientUpload: true,
    taskPriority: claims.taskPriority,
    taskNotifyMode: claims.taskNotifyMode,
  });
  return applyData(state, session, host);
};

function applyData(state: EmulatorState, session: UploadSession, host: string): Record<string, unknown> {
  const now = Date.now();
  if (session.tempCertificate.expiredTime * 1000 <= now) {
    session.tempCertificate = issueTempCertificate(state, session.vodSessionKey, now);
  }
  const certificate = session.tempCertificate;
  const appId = Number(state.appId);
  return {
    video: { storageSignature: "", storagePath: session.mediaStoragePath },
    ...(session.coverStoragePath ? { cover: { storageSignature: "", storagePath: session.coverStoragePath } } : {}),
    storageAppId: appId,
    storageBucket: session.storageBucket.slice(0, -`-${state.appId}`.length),
    // [INFERRED] VOD's storageRegion may be a legacy short name ("gzp"); the SDKs only read storageRegionV5.
    storageRegion: session.storageRegion,
    storageRegionV5: session.storageRegion,
    StorageRegionV5: session.storageRegion,
    domain: host,
    vodSessionKey: session.vodSessionKey,
    tempCertificate: {
      secretId: certificate.secretId,
      secretKey: certificate.secretKey,
      token: certificate.token,
      expiredTime: certificate.expiredTime,
    },
    appId,
    // Server time; the mobile SDKs correct their clock by it when it differs by more than 5 minutes.
    timestamp: Math.floor(now / 1000),
  };
}
