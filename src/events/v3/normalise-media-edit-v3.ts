// EditMediaComplete and ComposeMediaComplete (docs/vod-events.md §11.4; SDK models EditMediaTask, ComposeMediaTask):
// a task that made a new media from others. When it succeeded — an output FileId, ErrCode 0 or absent, no
// ErrCodeExt, not PROCESSING or FAIL — the output is a file of its own: an "upload" event for it (target
// UPLOADED, Output.FileUrl/MediaName/FileType as its media, the task's MetaData as its metadata), derived from
// every FileId its Input names (EditMedia: Input.FileInfoSet[].FileId; ComposeMedia: track items' SourceMedia,
// on the item or in its VideoItem/AudioItem/StickerItem) and linked to every FileId the body names. Otherwise it is
// "other", linked to the files it names. The output FileId may be a bare JSON number above 2^53 (the compose page's
// example): its digits come from the body's text (exact-integers.ts), or the output cannot be named.
// The member is `<EventType>Event`, or `<EventType>` on the older English EditMediaComplete page.
import type { ExactDigits } from "../exact-integers.js";
import { findEventFileId } from "../find-event-file-id.js";
import { findLinkedFileIds } from "../find-linked-file-ids.js";
import { findSubAppId } from "../find-sub-app-id.js";
import { readFileId } from "../fields/read-file-id.js";
import { readNumber } from "../fields/read-number.js";
import { readText } from "../fields/read-text.js";
import { isPlainObject } from "../is-plain-object.js";
import { pendingReview } from "../review/pending-review.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import { toVodTask } from "../to-vod-task.js";
import type { OtherEvent, UploadEvent } from "../vod-event.js";

export function normaliseMediaEditV3(
  body: Record<string, unknown>,
  eventType: string,
  exact: ExactDigits,
): UploadEvent | OtherEvent {
  const member = body[`${eventType}Event`] ?? body[eventType];
  const task = isPlainObject(member) ? member : {};
  const output = isPlainObject(task["Output"]) ? task["Output"] : {};
  const outputFileId = readFileId(output["FileId"], exact);
  const status = readText(task["Status"])?.toUpperCase() ?? null;
  const errCode = readNumber(task["ErrCode"]);
  const succeeded =
    outputFileId !== null &&
    (errCode === null || errCode === 0) &&
    readText(task["ErrCodeExt"]) === null &&
    status !== "PROCESSING" &&
    status !== "FAIL";
  if (!succeeded) {
    const fileId = findEventFileId(body);
    const linkedFileIds = findLinkedFileIds(body, exact, [fileId]);
    return { kind: "other", eventType, format: "v3", fileId, ...(linkedFileIds.length ? { linkedFileIds } : {}) };
  }
  const taskId = readText(task["TaskId"]);
  const message = readText(task["Message"]);
  return {
    kind: "upload",
    eventType,
    format: "v3",
    fileId: outputFileId,
    procedureTaskId: readText(task["ProcedureTaskId"]),
    occurredAt: null,
    ...toMediaFields({
      mediaUrl: readText(output["FileUrl"]),
      name: readText(output["MediaName"]),
      mediaType: readText(output["FileType"]),
      subAppId: findSubAppId(body, task),
      sessionContext: readText(task["SessionContext"]),
      sessionId: readText(task["SessionId"]),
      metadata: toMetadata(isPlainObject(task["MetaData"]) ? task["MetaData"] : null, {
        ClassId: output["ClassId"],
        ExpireTime: output["ExpireTime"],
        ReviewAudioVideoTaskId: task["ReviewAudioVideoTaskId"],
      }),
    }),
    derivedFrom: findLinkedFileIds(task["Input"], exact, [outputFileId]),
    ...(readText(task["ReviewAudioVideoTaskId"]) ? { review: pendingReview(task["ReviewAudioVideoTaskId"]) } : {}),
    linkedFileIds: findLinkedFileIds(body, exact, [outputFileId]),
    task:
      taskId === null
        ? null
        : toVodTask({
            taskId,
            kind: eventType.replace(/Complete$/, ""),
            status: status ?? "FINISH",
            failed: false,
            errCode,
            message,
            subtasks: [],
          }),
  };
}
