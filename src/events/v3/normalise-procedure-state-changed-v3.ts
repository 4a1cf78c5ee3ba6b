import { findSubAppId } from "../find-sub-app-id.js";
import { readText } from "../fields/read-text.js";
import { readAiContentReview } from "../review/read-ai-content-review.js";
import { readTime } from "../fields/read-time.js";
import { summariseProcedure } from "../summarise-procedure.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import { toVodTask } from "../to-vod-task.js";
import type { VodReview } from "../review/vod-review.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { ProcedureStateChangedV3 } from "./procedure-state-changed-v3-schema.js";
import { readMediaProcessOutputs } from "./read-media-process-outputs.js";

// SessionContext and SessionId are echoed from the request that started the flow (ApplyUpload, ProcessMedia, …;
// docs/vod-events.md §11.3); read leniently: an odd one costs itself, never the task-flow result.
export function normaliseProcedureStateChangedV3(body: ProcedureStateChangedV3): ProcedureEvent {
  const event = body.ProcedureStateChangeEvent;
  const raw = (event.MediaProcessResultSet ?? []).flat();
  const subtasks = raw.map((task) => ({
    type: task.Type,
    status: task.Status,
    errCode: task.ErrCode,
    errCodeExt: task.ErrCodeExt,
    message: task.Message,
    beganAt: readTime(task["BeginProcessTime"]),
    finishedAt: task.FinishTime,
  }));
  const outputs = readMediaProcessOutputs(raw, event.TaskId);
  const summary = summariseProcedure(event.Status, event.ErrCode, subtasks);
  return {
    kind: "procedure",
    eventType: body.EventType,
    format: "v3",
    fileId: event.FileId,
    procedureTaskId: event.TaskId,
    procedureStatus: event.Status,
    errCode: event.ErrCode,
    message: event.Message,
    ...summary,
    media: toMediaFields({
      mediaUrl: event.FileUrl,
      name: event.FileName,
      subAppId: findSubAppId(body, event),
      sessionContext: readText(event["SessionContext"]),
      sessionId: readText(event["SessionId"]),
      metadata: toMetadata(event.MetaData),
    }),
    outputs,
    // The flow's content review (AiContentReviewResultSet), finished when the flow's subtasks last finished.
    ...reviewOf(readAiContentReview(event, summary.finishedAt)),
    task:
      event.TaskId === null
        ? null
        : toVodTask({
            taskId: event.TaskId,
            kind: "Procedure",
            status: event.Status,
            failed: summary.failed,
            errCode: event.ErrCode,
            message: event.Message,
            subtasks,
          }),
  };
}

/** Absent, not null, when the flow reviewed nothing: the event is as it was before reviews were read. */
function reviewOf(review: VodReview | null): { review?: VodReview } {
  return review ? { review } : {};
}
