// PullUpload: VOD fetches a URL itself (DESIGN §7); the answer is the pull's TaskId, the result comes later as
// PullComplete. Checked before the call by the caller (pull-upload-limits.ts).
//
// PullUpload is made once, never retried (callVod idempotent: false): each call starts a new pull, so a repeat after
// a lost answer could pull the file twice. When the answer is lost (callVod's outcome "unknown") this fails with
// vod_outcome_unknown: VOD may have started the pull, and if it did, its PullComplete creates the upload's row by
// itself (an early event). A caller that wants to repeat safely passes a SessionId: VOD refuses a SessionId seen in
// the last 3 days (SDK PullUploadRequest.SessionId), so the repeat cannot start a second pull. Other failures map as
// every VOD call does (vod_rejected 400, vod_error 502).
import { AppError, isAppError } from "../errors.js";
import { callVod, type VodErrorDetails } from "./call-vod.js";
import type { VodClient } from "./client.js";

export interface PullUploadParams {
  mediaUrl: string;
  mediaType?: string | undefined;
  mediaName?: string | undefined;
  coverUrl?: string | undefined;
  procedure?: string | undefined;
  storageRegion?: string | undefined;
  classId?: number | undefined;
  sourceContext?: string | undefined;
  sessionContext?: string | undefined;
  sessionId?: string | undefined;
  expireTime?: string | undefined;
  subAppId?: number | undefined;
  tasksPriority?: number | undefined;
}

export interface PullStarted {
  taskId: string;
  requestId: string | null;
}

export async function pullUpload(vod: Pick<VodClient, "PullUpload">, params: PullUploadParams): Promise<PullStarted> {
  let answer: Awaited<ReturnType<VodClient["PullUpload"]>>;
  try {
    answer = await callVod(
      "PullUpload",
      () =>
        vod.PullUpload({
          MediaUrl: params.mediaUrl,
          MediaType: params.mediaType,
          MediaName: params.mediaName,
          CoverUrl: params.coverUrl,
          Procedure: params.procedure,
          StorageRegion: params.storageRegion,
          ClassId: params.classId,
          SourceContext: params.sourceContext,
          SessionContext: params.sessionContext,
          SessionId: params.sessionId,
          ExpireTime: params.expireTime,
          SubAppId: params.subAppId,
          TasksPriority: params.tasksPriority,
        }),
      { idempotent: false },
    );
  } catch (error) {
    const details = isAppError(error) ? (error.details as VodErrorDetails | undefined) : undefined;
    if (details?.outcome !== "unknown") throw error;
    throw new AppError(
      "vod_outcome_unknown",
      `VOD PullUpload outcome unknown (${details.vodCode ?? "no answer"}): VOD may have started the pull; if it did, ` +
        "its PullComplete records the upload. Repeat only with the same sessionId, which VOD refuses for 3 days",
      details,
      { cause: error },
    );
  }
  if (!answer.TaskId) {
    throw new AppError("vod_error", "VOD PullUpload answered without a TaskId", {
      action: "PullUpload",
      vodCode: null,
      requestId: answer.RequestId || null,
      outcome: "unknown",
    } satisfies VodErrorDetails);
  }
  return { taskId: answer.TaskId, requestId: answer.RequestId || null };
}
