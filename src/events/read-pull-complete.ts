// A PullComplete's report (issue 15), from the SDK's PullUploadTask shape: the current format's `PullCompleteEvent`
// member, and the 2017 envelope that an earlier version of Tencent's page wraps around the same fields ({version,
// eventType, data: {TaskId, ErrCode, Message, FileId, MediaBasicInfo: {FileId, MediaBasicInfo: {...}}, FileUrl,
// ProcedureTaskId}}: test/fixtures/SOURCES.md). Read leniently: a strange member costs itself, never the result.
// - ErrCode non-zero: the pull failed and made no file (40000 bad parameters, 60000 bad source file, 70000 internal
//   error, retryable): a "pullFailed" event naming its upload by TaskId;
// - ErrCode 0 (or absent) with a FileId: the file exists, an upload event like NewFileUpload's (media, SourceContext,
//   SessionContext, SessionId, ProcedureTaskId; a review asked for is pending: pending-review.ts);
// - no FileId and no error: a pull still running (Status PROCESSING) says nothing yet ("other"); a finished one is
//   a report we cannot apply, refused with an issue that says so (stored `invalid`, never guessed).
import type { ExactDigits } from "./exact-integers.js";
import { readFileId } from "./fields/read-file-id.js";
import { readNumber } from "./fields/read-number.js";
import { readText } from "./fields/read-text.js";
import { readTime } from "./fields/read-time.js";
import { findSubAppId } from "./find-sub-app-id.js";
import { isPlainObject } from "./is-plain-object.js";
import type { Parsed } from "./parse-event.js";
import { pendingReview } from "./review/pending-review.js";
import { toMediaFields } from "./to-media-fields.js";
import { toMetadata } from "./to-metadata.js";
import { toVodTask } from "./to-vod-task.js";
import type { EventFormat, OtherEvent, PullFailedEvent, UploadEvent } from "./vod-event.js";

// MediaBasicInfo members with a column of their own (as in normalise-new-file-upload-v3.ts); the rest go to metadata.
const COLUMN_MEMBERS = new Set(["Name", "CreateTime", "CoverUrl", "Type", "MediaUrl", "StorageRegion", "SourceInfo"]);
/** VOD's pull TaskIds are ~50 characters; a B-tree entry (the pull TaskId indexes) cannot take a few kB. */
const MAX_TASK_ID = 256;

export interface PullCompleteSource {
  eventType: string;
  format: EventFormat;
  /** The member holding the task ("PullCompleteEvent", or "data" in the 2017 envelope), for the issue's path. */
  member: string;
  body: Record<string, unknown>;
  exact: ExactDigits;
}

export function readPullComplete(
  task: Record<string, unknown>,
  source: PullCompleteSource,
): Parsed<UploadEvent | PullFailedEvent | OtherEvent> {
  const { eventType, format, member } = source;
  const taskId = readText(task["TaskId"]);
  const status = readText(task["Status"])?.toUpperCase() ?? null;
  const errCode = readNumber(task["ErrCode"]);
  const message = readText(task["Message"]);
  const fileId = readFileId(task["FileId"], source.exact);
  if (taskId !== null && taskId.length > MAX_TASK_ID)
    return refuse(member, `TaskId must be at most ${MAX_TASK_ID} characters`);

  if (errCode !== null && errCode !== 0) {
    if (!Number.isInteger(errCode))
      return refuse(member, "ErrCode must be an integer: the pull's result cannot be read");
    if (taskId === null)
      return refuse(member, `a failed PullComplete (ErrCode ${errCode}) names its upload by TaskId only, and has none`);
    return {
      ok: true,
      value: { kind: "pullFailed", eventType, format, fileId: null, pullTaskId: taskId, errCode, message },
    };
  }
  if (fileId === null) {
    if (status !== null && status !== "FINISH")
      return { ok: true, value: { kind: "other", eventType, format, fileId: null } };
    return refuse(
      member,
      "PullComplete reports a finished pull (ErrCode 0) without a FileId: there is no file to record",
    );
  }

  // The 2017-envelope page nests the media's basic info once more: MediaBasicInfo {FileId, MediaBasicInfo {...}}.
  const outer = isPlainObject(task["MediaBasicInfo"]) ? task["MediaBasicInfo"] : {};
  const info = isPlainObject(outer["MediaBasicInfo"]) ? outer["MediaBasicInfo"] : outer;
  const sourceInfo = isPlainObject(info["SourceInfo"]) ? info["SourceInfo"] : {};
  const extras: Record<string, unknown> = {};
  for (const key of Object.keys(info)) {
    if (!COLUMN_MEMBERS.has(key) && key !== "FileId") extras[key === "Status" ? "MediaStatus" : key] = info[key];
  }
  const procedureTaskId = readText(task["ProcedureTaskId"]);
  return {
    ok: true,
    value: {
      kind: "upload",
      eventType,
      format,
      fileId,
      procedureTaskId,
      occurredAt: readTime(info["CreateTime"]),
      pullTaskId: taskId,
      ...toMediaFields({
        mediaUrl: readText(info["MediaUrl"]) ?? readText(task["FileUrl"]),
        coverUrl: readText(info["CoverUrl"]),
        name: readText(info["Name"]),
        mediaType: readText(info["Type"]),
        sourceType: readText(sourceInfo["SourceType"]),
        sourceContext: readText(sourceInfo["SourceContext"]),
        storageRegion: readText(info["StorageRegion"]),
        subAppId: findSubAppId(source.body, task),
        sessionContext: readText(task["SessionContext"]),
        sessionId: readText(task["SessionId"]),
        metadata: toMetadata(isPlainObject(task["MetaData"]) ? task["MetaData"] : null, extras, {
          ReviewAudioVideoTaskId: task["ReviewAudioVideoTaskId"],
        }),
      }),
      review: pendingReview(task["ReviewAudioVideoTaskId"]),
      task:
        taskId === null
          ? null
          : toVodTask({
              taskId,
              kind: "PullUpload",
              status: status ?? "FINISH",
              failed: false,
              errCode,
              message,
              subtasks: [],
            }),
    },
  };
}

/** Refused at the task's member: the reason (a missing FileId, a failure without TaskId) is the task as a whole,
 *  and the 2017 names are not ours to point at (vodTaskId read as TaskId). */
function refuse(member: string, message: string): Parsed<never> {
  return { ok: false, issues: [{ path: [member], code: "custom", message }] };
}
