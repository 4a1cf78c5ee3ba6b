// Opens an upload session, the state shared by the server upload (ApplyUpload) and the client upload
// (ApplyUploadUGC): where the bytes go on the emulated COS endpoint, the temporary certificate that may write
// there, and what CommitUpload(UGC) turns into media. Callers validate their own parameters first, each with the
// error codes of its own protocol.
import { randomBytes } from "node:crypto";
import type { EmulatorState, TaskNotifyMode, UploadSession } from "../emulator-state.js";
import { issueTempCertificate } from "./issue-temp-certificate.js";

export interface UploadSessionRequest {
  subAppId: number;
  /** Lower-case extension, already checked against UPLOAD_FILE_TYPES.media. */
  mediaType: string;
  mediaName?: string | undefined;
  coverType?: string | undefined;
  procedure?: string | undefined;
  storageRegion: string;
  classId?: number | undefined;
  sourceContext?: string | undefined;
  sessionContext?: string | undefined;
  expireTime?: string | undefined;
  /** Chosen by the caller ("FileID + Path" apps); else a fresh directory. */
  mediaStoragePath?: string | undefined;
  clientUpload: boolean;
  taskPriority?: number | undefined;
  taskNotifyMode?: TaskNotifyMode | undefined;
}

export function openUploadSession(state: EmulatorState, request: UploadSessionRequest): UploadSession {
  const now = Date.now();
  const directory = `/${randomBytes(8).toString("hex")}`;
  const mediaStoragePath = request.mediaStoragePath ?? `${directory}/f0.${request.mediaType}`;
  const coverType = request.coverType || undefined;
  const coverStoragePath = coverType ? `${mediaStoragePath.replace(/\.[^./]*$/, "")}-cover.${coverType}` : undefined;
  const vodSessionKey = randomBytes(24).toString("base64url");
  const session: UploadSession = {
    vodSessionKey,
    subAppId: request.subAppId,
    mediaType: request.mediaType,
    mediaName: request.mediaName,
    coverType,
    procedure: request.procedure || undefined,
    storageRegion: request.storageRegion,
    // cos-nodejs-sdk-v5 insists on "<name>-<digits>" buckets; VOD's own look like that too.
    storageBucket: `vodemu${request.subAppId || state.appId}-${state.appId}`,
    mediaStoragePath,
    coverStoragePath,
    customStoragePath: request.mediaStoragePath !== undefined,
    classId: request.classId ?? 0,
    sourceContext: request.sourceContext ?? "",
    sessionContext: request.sessionContext ?? "",
    expireTime: request.expireTime,
    clientUpload: request.clientUpload,
    taskPriority: request.taskPriority ?? 0,
    taskNotifyMode: request.taskNotifyMode ?? "Finish",
    tempCertificate: issueTempCertificate(state, vodSessionKey, now),
    committed: false,
    createdAt: now,
  };
  state.sessions.set(vodSessionKey, session);
  return session;
}
