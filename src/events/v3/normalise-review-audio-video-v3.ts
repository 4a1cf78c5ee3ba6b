// EventType ReviewAudioVideoComplete (SDK EventContent.ReviewAudioVideoCompleteEvent, a ReviewAudioVideoTask;
// https://www.tencentcloud.com/document/product/266/50677): the verdict (read-review-v3.ts) on `Input.FileId`, a
// "review" event that creates the file's row when it is the first we hear of the file and never changes its status.
// Its task is kept like any other (UploadTask, kind ReviewAudioVideo). Without a readable FileId or a verdict the
// event is only linked to the files it names ("other").
import type { ExactDigits } from "../exact-integers.js";
import { findEventFileId } from "../find-event-file-id.js";
import { findLinkedFileIds } from "../find-linked-file-ids.js";
import { readFileId } from "../fields/read-file-id.js";
import { readText } from "../fields/read-text.js";
import { isPlainObject } from "../is-plain-object.js";
import { readReviewV3 } from "../review/read-review-v3.js";
import { toVodTask } from "../to-vod-task.js";
import type { OtherEvent, ReviewEvent } from "../vod-event.js";

export function normaliseReviewAudioVideoV3(
  body: Record<string, unknown>,
  exact: ExactDigits,
): ReviewEvent | OtherEvent {
  const eventType = "ReviewAudioVideoComplete";
  const member = body[`${eventType}Event`];
  const task = isPlainObject(member) ? member : {};
  const input = isPlainObject(task["Input"]) ? task["Input"] : {};
  const fileId = readFileId(input["FileId"], exact);
  const review = readReviewV3(task);
  if (fileId === null || review === null) {
    const found = findEventFileId(body);
    const linkedFileIds = findLinkedFileIds(body, exact, [found]);
    return {
      kind: "other",
      eventType,
      format: "v3",
      fileId: found,
      ...(linkedFileIds.length ? { linkedFileIds } : {}),
    };
  }
  // A task row is keyed by its TaskId (a B-tree entry): one longer than VOD's (~60 characters) is not kept as a task.
  const taskId = readText(task["TaskId"]);
  const keptTaskId = taskId !== null && taskId.length <= 256 ? taskId : null;
  const status = readText(task["Status"]) ?? "FINISH";
  const errCodeExt = readText(task["ErrCodeExt"]);
  return {
    kind: "review",
    eventType,
    format: "v3",
    fileId,
    review,
    task:
      keptTaskId === null
        ? null
        : toVodTask({
            taskId: keptTaskId,
            kind: "ReviewAudioVideo",
            status,
            failed: errCodeExt !== null || status.toUpperCase() === "FAIL",
            errCode: null,
            message: readText(task["Message"]),
            subtasks: [],
          }),
  };
}
