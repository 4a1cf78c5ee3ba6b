// ProcedureTask (vod-events.md §11.1): the body of ProcedureStateChanged and of DescribeTaskDetail, built by one
// function so both always agree. The emulated flow transcodes to each rendition, packs an adaptive HLS stream, takes
// time-offset and sample snapshots, an image sprite and a cover (procedure-outputs.ts); a "failure" outcome fails
// the Transcode subtask with SourceFileError / 30009. The deprecated top-level ErrCode stays 0 even then, as in
// VOD's own examples, so a receiver must look at the subtasks. A review procedure (reviews/review-verdict.ts) also
// lists its content checks in AiContentReviewResultSet once finished, with the verdict its review task reached.
import type { MediaRecord, ProcedureTaskRecord, ReviewVerdict } from "../emulator-state.js";
import { aiContentReviewResultSet } from "../reviews/content-review-results.js";
import { isoSeconds } from "./iso-seconds.js";
import { mediaMetaData } from "./media-meta-data.js";
import { PRESET_DEFINITION, procedureOutputs } from "./procedure-outputs.js";
import { TRANSCODE_RENDITIONS } from "./transcode-item.js";

export type ProcedureStatus = "WAITING" | "PROCESSING" | "FINISH";

export interface ProcedureTaskView extends Record<string, unknown> {
  Status: ProcedureStatus;
}

export function procedureTask(
  task: ProcedureTaskRecord,
  media: MediaRecord,
  now: number,
  /** The verdict of the flow's review, when it asks for one. */
  review?: ReviewVerdict,
): ProcedureTaskView {
  const status: ProcedureStatus =
    task.finished || now >= task.finishAt ? "FINISH" : now >= task.beginAt ? "PROCESSING" : "WAITING";
  return {
    TaskId: task.taskId,
    Status: status,
    ErrCode: 0,
    Message: "",
    FileId: media.fileId,
    FileName: media.name,
    FileUrl: media.mediaUrl,
    MetaData: mediaMetaData(media),
    MediaProcessResultSet: status === "WAITING" ? [] : subtasks(task, media, status),
    AiContentReviewResultSet:
      status === "FINISH" && task.reviewTaskId && review ? aiContentReviewResultSet(media, review, task.finishAt) : [],
    AiAnalysisResultSet: [],
    AiRecognitionResultSet: [],
    TasksPriority: task.priority,
    TasksNotifyMode: task.notifyMode,
    SessionContext: task.sessionContext,
    SessionId: "",
    Operator: "",
    OperationType: "",
  };
}

function subtasks(task: ProcedureTaskRecord, media: MediaRecord, status: ProcedureStatus): unknown[] {
  const begin = isoSeconds(task.beginAt);
  if (status === "PROCESSING") {
    const running = { Status: "PROCESSING", ErrCodeExt: "", ErrCode: 0, Message: "", Progress: 50, Output: null };
    return TRANSCODE_RENDITIONS.map(({ definition }) =>
      subtask("Transcode", "TranscodeTask", { Definition: definition }, running, begin, ""),
    );
  }
  const finish = isoSeconds(task.finishAt);
  if (task.outcome === "failure") {
    const failed = { Status: "FAIL", ErrCodeExt: "SourceFileError", ErrCode: 30009, Message: "Source file error" };
    const input = { Definition: TRANSCODE_RENDITIONS[0]!.definition };
    return [subtask("Transcode", "TranscodeTask", input, { ...failed, Progress: 0, Output: null }, begin, finish)];
  }
  const outputs = procedureOutputs(media);
  const done = (Output: unknown) => ({
    Status: "SUCCESS",
    ErrCodeExt: "",
    ErrCode: 0,
    Message: "SUCCESS",
    Progress: 100,
    Output,
  });
  const definition = { Definition: PRESET_DEFINITION };
  const offsets = (outputs.snapshotByTimeOffset.PicInfoSet as Array<{ TimeOffset: number }>).map(
    (pic) => pic.TimeOffset,
  );
  return [
    ...outputs.transcodes.map((item) =>
      subtask("Transcode", "TranscodeTask", { Definition: item.Definition }, done(item), begin, finish),
    ),
    ...outputs.adaptive.map((item) =>
      subtask("AdaptiveDynamicStreaming", "AdaptiveDynamicStreamingTask", definition, done(item), begin, finish),
    ),
    subtask(
      "SnapshotByTimeOffset",
      "SnapshotByTimeOffsetTask",
      { ...definition, ExtTimeOffsetSet: offsets.map((ms) => `${ms / 1000}s`), TimeOffsetSet: offsets },
      done(outputs.snapshotByTimeOffset),
      begin,
      finish,
    ),
    subtask("SampleSnapshot", "SampleSnapshotTask", definition, done(outputs.sampleSnapshot), begin, finish),
    // The Type is "ImageSprites" (plural) while the member is ImageSpriteTask: SDK MediaProcessTaskResult.
    subtask("ImageSprites", "ImageSpriteTask", definition, done(outputs.imageSprite), begin, finish),
    subtask(
      "CoverBySnapshot",
      "CoverBySnapshotTask",
      { ...definition, PositionType: "Time", PositionValue: 0 },
      done({ CoverUrl: outputs.cover.CoverUrl }),
      begin,
      finish,
    ),
  ];
}

function subtask(
  type: string,
  member: string,
  input: Record<string, unknown>,
  fields: Record<string, unknown>,
  begin: string,
  finish: string,
): Record<string, unknown> {
  return { Type: type, [member]: { ...fields, Input: input, BeginProcessTime: begin, FinishTime: finish } };
}
