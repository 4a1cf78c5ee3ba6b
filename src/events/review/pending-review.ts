// A review VOD has started and not yet reported: an upload event naming a non-empty `ReviewAudioVideoTaskId`
// (FileUploadTask, PullUploadTask, EditMediaTask in the SDK; "" when no review was asked for). Its verdict comes
// later, in a ReviewAudioVideoComplete for that task id; until then the file is not publishable.
import { readReviewText } from "./read-review-text.js";
import type { VodReview } from "./vod-review.js";

export function pendingReview(taskId: unknown): VodReview | null {
  const id = readReviewText(taskId);
  if (id === null) return null;
  return {
    status: "pending",
    checks: [],
    labels: [],
    form: null,
    taskId: id,
    finishedAt: null,
    segmentsUrl: null,
    segments: [],
  };
}
