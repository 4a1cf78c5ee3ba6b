// The verdict of a ReviewAudioVideo task: the `ReviewAudioVideoCompleteEvent` member of a ReviewAudioVideoComplete
// callback (<https://www.tencentcloud.com/document/product/266/50677>), and DescribeTaskDetail's
// `ReviewAudioVideoTask` (the same SDK model, ReviewAudioVideoTask). Its Output reviews the media (Suggestion,
// Label, Form, SegmentSet); its Output.CoverReviewResult, when the task also reviewed the cover, is a second check.
// The model carries no finish time: finishedAt is null and the caller orders by arrival. The reviewed file is
// `Input.FileId` (read by the caller, like every FileId).
import { isPlainObject } from "../is-plain-object.js";
import { readReviewCheck, type ReadReviewCheck } from "./read-review-check.js";
import { readReviewText } from "./read-review-text.js";
import { toVodReview } from "./to-vod-review.js";
import type { VodReview } from "./vod-review.js";

export function readReviewV3(task: unknown): VodReview | null {
  if (!isPlainObject(task)) return null;
  const output = isPlainObject(task["Output"]) ? task["Output"] : null;
  const cover = output !== null && isPlainObject(output["CoverReviewResult"]) ? output["CoverReviewResult"] : null;
  const shared = { status: task["Status"], errCode: null, errCodeExt: task["ErrCodeExt"], style: "Pascal" as const };

  const checks: ReadReviewCheck[] = [];
  // The media check stands unless the task reviewed the cover alone (Input.ReviewContents ["Cover"]): then its
  // Output carries the cover's result only, and a media check with no suggestion would read as "review".
  if (cover === null || readReviewText(output?.["Suggestion"]) !== null)
    checks.push(readReviewCheck({ ...shared, type: "Media", output, form: null }));
  if (cover !== null) checks.push(readReviewCheck({ ...shared, type: "Cover", output: cover, form: null }));
  return toVodReview(checks, { taskId: readReviewText(task["TaskId"]), finishedAt: null });
}
