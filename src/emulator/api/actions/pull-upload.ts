// PullUpload (SDK PullUploadRequest/Response; Tencent API doc 266/35575): VOD fetches MediaUrl itself and answers
// at once with the TaskId; the result comes later as PullComplete (pulls/run-pull-task.ts). Validation codes from
// PullUpload's list in the Go SDK (tencentcloud-sdk-go vod/v20180717 client.go): InvalidParameterValue.MediaUrl,
// .CoverUrl, .ExpireTime, .StorageRegion, .MediaStoragePath, .SessionContextTooLong, .SessionIdTooLong,
// .SessionId, FailedOperation.MediaType, FailedOperation.CoverType. Emulator choices [INFERRED], VOD documents none:
// MediaUrl at most MEDIA_URL_MAX_LENGTH characters with no whitespace or control characters; a SessionId used in
// the last 3 days ("如果三天内曾有过相同的识别码的请求，则本次的请求会返回错误", SDK) is InvalidParameterValue.SessionId.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PullTaskRecord } from "../../emulator-state.js";
import { runPullTask } from "../../pulls/run-pull-task.js";
import { STORAGE_REGION } from "../../uploads/storage-region.js";
import { UPLOAD_FILE_TYPES } from "../../uploads/upload-file-types.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

export const MEDIA_URL_MAX_LENGTH = 2048;
const SESSION_ID_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const COVER_TYPES = new Set(["gif", "jpeg", "jpg", "png"]);

const pullUploadParams = z.strictObject({
  MediaUrl: z.string(),
  MediaType: z.string().optional(),
  SubAppId: subAppIdParam,
  MediaName: z.string().optional(),
  CoverUrl: z.string().optional(),
  Procedure: z.string().optional(),
  ExpireTime: z.string().optional(),
  StorageRegion: z.string().optional(),
  ClassId: z.int().min(0).optional(),
  TasksPriority: z.int().min(-10).max(10).optional(),
  SessionContext: z.string().optional(),
  SessionId: z.string().optional(),
  ExtInfo: z.string().optional(),
  SourceContext: z.string().optional(),
  MediaStoragePath: z.string().optional(),
});

export const pullUpload: ActionHandler = (body, { state, events, log }) => {
  const params = readParams(pullUploadParams, body);
  const subAppId = subAppIdOf(params.SubAppId, state.appId);
  const mediaUrl = httpUrl(params.MediaUrl, MEDIA_URL_MAX_LENGTH);
  if (!mediaUrl) throw new ApiError("InvalidParameterValue.MediaUrl", "MediaUrl must be an http(s) URL.");
  const mediaType = (params.MediaType || extensionOf(mediaUrl)).toLowerCase();
  if (!UPLOAD_FILE_TYPES.media.has(mediaType)) {
    throw new ApiError("FailedOperation.MediaType", "Unsupported media type; pass MediaType.");
  }
  if (params.CoverUrl) {
    const coverUrl = httpUrl(params.CoverUrl, MEDIA_URL_MAX_LENGTH);
    if (!coverUrl) throw new ApiError("InvalidParameterValue.CoverUrl", "CoverUrl must be an http(s) URL.");
    if (!COVER_TYPES.has(extensionOf(coverUrl)))
      throw new ApiError("FailedOperation.CoverType", "Unsupported cover type.");
  }
  if (params.ExpireTime !== undefined && !ISO_DATE_TIME.test(params.ExpireTime)) {
    throw new ApiError("InvalidParameterValue.ExpireTime", "ExpireTime must be an ISO 8601 date-time.");
  }
  const storageRegion = params.StorageRegion || STORAGE_REGION.default;
  if (!STORAGE_REGION.pattern.test(storageRegion)) {
    throw new ApiError("InvalidParameterValue.StorageRegion", "StorageRegion is not a region name.");
  }
  if (params.MediaStoragePath !== undefined && !params.MediaStoragePath.startsWith("/")) {
    throw new ApiError("InvalidParameterValue.MediaStoragePath", "MediaStoragePath must start with /.");
  }
  if ((params.SourceContext ?? "").length > 250) {
    throw new ApiError("InvalidParameterValue", "SourceContext is longer than 250 characters.");
  }
  if ((params.SessionContext ?? "").length > 1000) {
    throw new ApiError("InvalidParameterValue.SessionContextTooLong", "SessionContext is longer than 1000 characters.");
  }
  const sessionId = params.SessionId ?? "";
  if (sessionId.length > 50) throw new ApiError("InvalidParameterValue.SessionIdTooLong", "SessionId is too long.");
  const now = Date.now();
  const reused = [...state.pullTasks.values()].some(
    (task) => task.subAppId === subAppId && task.sessionId === sessionId && now - task.createdAt < SESSION_ID_WINDOW_MS,
  );
  if (sessionId && reused) {
    throw new ApiError("InvalidParameterValue.SessionId", "SessionId was used in the last 3 days.");
  }

  const task: PullTaskRecord = {
    // Shape of Tencent's example: "125676836723-Pull-f5ac8127b3b6b85cdc13f237c6005d8".
    taskId: `${state.appId}-Pull-${randomBytes(16).toString("hex")}`,
    subAppId,
    mediaUrl: params.MediaUrl,
    mediaType,
    mediaName: params.MediaName || undefined,
    coverUrl: params.CoverUrl || undefined,
    procedure: params.Procedure || undefined,
    storageRegion,
    storagePath: params.MediaStoragePath,
    classId: params.ClassId ?? 0,
    sourceContext: params.SourceContext ?? "",
    sessionContext: params.SessionContext ?? "",
    sessionId,
    expireTime: params.ExpireTime,
    priority: params.TasksPriority ?? 0,
    createdAt: now,
    beginAt: now,
    finishAt: null,
    errCode: 0,
    message: "",
    fileId: "",
  };
  state.pullTasks.set(task.taskId, task);
  state.timers.after(0, () => void runPullTask(state, events, task, log));
  return { TaskId: task.taskId };
};

/** The URL when `text` is an absolute http(s) URL without whitespace or control characters, within `max`. */
function httpUrl(text: string, max: number): URL | null {
  const controlOrSpace = [...text].some((char) => char.codePointAt(0)! <= 0x20 || /[\u007f-\u009f]/.test(char));
  if (text.length > max || controlOrSpace || !/^https?:\/\//i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function extensionOf(url: URL): string {
  const name = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}
