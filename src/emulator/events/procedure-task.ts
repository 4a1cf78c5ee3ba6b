// ProcedureTask (vod-reference §1.6-1.7): the body of ProcedureStateChanged and of DescribeTaskDetail, built by
// one function so both always agree. The emulated flow is Transcode + CoverBySnapshot; a "failure" outcome fails
// the Transcode subtask with SourceFileError / 30009. The deprecated top-level ErrCode stays 0 even then, as in
// VOD's own examples, so a receiver must look at the subtasks.
import type { MediaRecord, ProcedureTaskRecord } from "../emulator-state.js";
import { isoSeconds } from "./iso-seconds.js";
import { mediaMetaData } from "./media-meta-data.js";
import { mediaDirectory, TRANSCODE_DEFINITION, transcodeItem } from "./transcode-item.js";

export type ProcedureStatus = "WAITING" | "PROCESSING" | "FINISH";

export interface ProcedureTaskView extends Record<string, unknown> {
  Status: ProcedureStatus;
}

export function procedureTask(task: ProcedureTaskRecord, media: MediaRecord, now: number): ProcedureTaskView {
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
    AiContentReviewResultSet: [],
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
    return [transcode({ Status: "PROCESSING", Message: "", Progress: 50, Output: null }, begin, "")];
  }
  const finish = isoSeconds(task.finishAt);
  if (task.outcome === "failure") {
    const failed = { Status: "FAIL", ErrCodeExt: "SourceFileError", ErrCode: 30009, Message: "Source file error" };
    return [transcode({ ...failed, Progress: 0, Output: null }, begin, finish)];
  }
  return [
    transcode({ Status: "SUCCESS", Message: "SUCCESS", Progress: 100, Output: transcodeItem(media) }, begin, finish),
    {
      Type: "CoverBySnapshot",
      CoverBySnapshotTask: {
        Status: "SUCCESS",
        ErrCodeExt: "",
        ErrCode: 0,
        Message: "SUCCESS",
        Progress: 100,
        Input: { Definition: 10, PositionType: "Time", PositionValue: 0 },
        Output: { CoverUrl: `${mediaDirectory(media)}/coverBySnapshot/coverBySnapshot_10_0.jpg` },
        BeginProcessTime: begin,
        FinishTime: finish,
      },
    },
  ];
}

function transcode(fields: Record<string, unknown>, begin: string, finish: string): Record<string, unknown> {
  return {
    Type: "Transcode",
    TranscodeTask: {
      ErrCodeExt: "",
      ErrCode: 0,
      Input: { Definition: TRANSCODE_DEFINITION },
      ...fields,
      BeginProcessTime: begin,
      FinishTime: finish,
    },
  };
}
