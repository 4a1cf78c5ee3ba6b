// The verdict of a 2017-format ProcedureStateChanged: `data.contentReviewList` (the history-format page,
// tencentyun/intlcloud-documents `…/事件通知/历史格式回调_intl_en.md`: "currently only porn information detection is
// supported"). Each item: taskType (Porn), status (PROCESSING | SUCCESS | FAIL), errCode (30009 source file, 30010
// system), input.definition, and on success output {confidence, suggestion, segments[{startTimeOffset,
// endTimeOffset, confidence, suggestion, url, picUrlExpireTimeStamp}]}. That format sends no label and no form:
// both stay null rather than guessed. What it does not hold, and we do not read: no porn-check task is documented in
// processTaskList (its task types are Transcode, AnimatedGraphics, SampleSnapshot, CoverBySnapshot,
// SnapshotByTimeOffset, PullFile, ImageSprites); `data.aiReview` is named in the archived English page with no
// shape; the separate 2017 PorncheckComplete event is a draft page (a TODO, `pornImgUrl` only, no suggestion).
// Called with the body's `data`; the task flow's id is `vodTaskId` (else `procedureTaskId`), as for the flow itself.
import { isPlainObject } from "../is-plain-object.js";
import { readReviewCheck, type ReadReviewCheck } from "./read-review-check.js";
import { readReviewText } from "./read-review-text.js";
import { toVodReview } from "./to-vod-review.js";
import type { VodReview } from "./vod-review.js";

export function readReviewLegacy(data: unknown, finishedAt: Date | null = null): VodReview | null {
  if (!isPlainObject(data) || !Array.isArray(data["contentReviewList"])) return null;
  const checks: ReadReviewCheck[] = [];
  for (const item of data["contentReviewList"]) {
    if (!isPlainObject(item)) continue;
    checks.push(
      readReviewCheck({
        type: readReviewText(item["taskType"]) ?? "Porn",
        status: item["status"],
        errCode: item["errCode"],
        errCodeExt: item["errCodeExt"],
        output: item["output"],
        style: "camel",
        form: null,
      }),
    );
  }
  const taskId = readReviewText(data["vodTaskId"]) ?? readReviewText(data["procedureTaskId"]);
  return toVodReview(checks, { taskId, finishedAt });
}
