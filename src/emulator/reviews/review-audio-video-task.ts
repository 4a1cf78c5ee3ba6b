// ReviewAudioVideoTask (SDK vod_models), the body of ReviewAudioVideoComplete and of DescribeTaskDetail for TaskType
// "ReviewAudioVideo", built by one function so both agree. Shapes from Tencent's ReviewAudioVideoComplete page
// (https://www.tencentcloud.com/document/product/266/50677), including its quirk: Output.Label in lower case
// ("porn") where the segments say "Porn" (SubLabel "porn"). The task has ErrCodeExt, no numeric ErrCode.
import type { MediaRecord, ReviewTaskRecord } from "../emulator-state.js";
import { PASS_VERDICT } from "./review-verdict.js";
import { reviewSegments } from "./review-segments.js";

export function reviewAudioVideoTask(task: ReviewTaskRecord, media: MediaRecord, now: number): Record<string, unknown> {
  const finished = task.verdict !== null || now >= task.finishAt;
  const verdict = task.verdict ?? PASS_VERDICT;
  return {
    TaskId: task.taskId,
    Status: finished ? "FINISH" : "PROCESSING",
    ErrCodeExt: "",
    Message: finished ? "SUCCESS" : "",
    Input: { FileId: media.fileId, Definition: 10, ReviewContents: ["Media"] },
    Output: finished
      ? {
          Suggestion: verdict.suggestion,
          Label: verdict.label.toLowerCase(),
          Form: verdict.form,
          ...reviewSegments(media, verdict, task.finishAt),
          CoverReviewResult: null,
        }
      : null,
    SessionId: "",
    SessionContext: task.sessionContext,
  };
}
