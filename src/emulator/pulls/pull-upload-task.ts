// PullUploadTask (SDK vod_models), the body of PullComplete and of DescribeTaskDetail for TaskType "PullUpload",
// built by one function so both agree: TaskId, Status (PROCESSING | FINISH), ErrCode (0; 60000 bad source file —
// the emulator's only failure), Message ("SUCCESS" as in Tencent's PullComplete example,
// https://www.tencentcloud.com/document/product/266/33951), FileId, MediaBasicInfo, MetaData, FileUrl,
// ProcedureTaskId, ReviewAudioVideoTaskId, SessionContext, SessionId, Progress. Without media (running or failed)
// FileId, FileUrl and the task ids are "" and MediaBasicInfo/MetaData null ("may return null", SDK).
import type { MediaRecord, PullTaskRecord } from "../emulator-state.js";
import { mediaBasicInfo } from "../events/media-basic-info.js";
import { mediaMetaData } from "../events/media-meta-data.js";

export function pullUploadTask(task: PullTaskRecord, media: MediaRecord | undefined): Record<string, unknown> {
  const finished = task.finishAt !== null;
  return {
    TaskId: task.taskId,
    Status: finished ? "FINISH" : "PROCESSING",
    ErrCode: task.errCode,
    Message: task.message,
    FileId: media?.fileId ?? "",
    MediaBasicInfo: media ? mediaBasicInfo(media) : null,
    MetaData: media ? mediaMetaData(media) : null,
    FileUrl: media?.mediaUrl ?? "",
    ProcedureTaskId: media?.procedureTaskId ?? "",
    ReviewAudioVideoTaskId: media?.reviewTaskId ?? "",
    SessionContext: task.sessionContext,
    SessionId: task.sessionId,
    Progress: finished ? 100 : 0,
  };
}
