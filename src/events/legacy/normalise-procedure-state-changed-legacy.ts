import { findSubAppId } from "../find-sub-app-id.js";
import { readReviewLegacy } from "../review/read-review-legacy.js";
import { summariseProcedure } from "../summarise-procedure.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import { toVodTask } from "../to-vod-task.js";
import type { VodReview } from "../review/vod-review.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { ProcedureStateChangedLegacy } from "./procedure-state-changed-legacy-schema.js";
import { readProcessTaskOutputs } from "./read-process-task-outputs.js";

export function normaliseProcedureStateChangedLegacy(body: ProcedureStateChangedLegacy): ProcedureEvent {
  const data = body.data;
  const list = data.processTaskList ?? [];
  const subtasks = list.map((task) => ({
    type: task.taskType ?? "unknown",
    status: task.status,
    errCode: task.errCode,
    errCodeExt: task.errCodeExt,
    message: task.message,
    // The 2017 docs show no begin time on a subtask.
    beganAt: null,
    finishedAt: task.finishTime,
  }));
  const summary = summariseProcedure(data.status, data.errCode, subtasks);
  const taskId = data.vodTaskId ?? data.procedureTaskId;
  const outputs = readProcessTaskOutputs(list, taskId);
  return {
    kind: "procedure",
    eventType: body.eventType,
    format: "legacy",
    fileId: data.fileId,
    procedureTaskId: taskId,
    procedureStatus: data.status,
    errCode: data.errCode,
    message: data.message,
    ...summary,
    media: toMediaFields({
      mediaUrl: data.fileUrl,
      name: data.fileName,
      subAppId: findSubAppId(body, data),
      metadata: toMetadata(data.metaData),
    }),
    outputs,
    // The flow's content review (contentReviewList), finished when the flow's subtasks last finished.
    ...reviewOf(readReviewLegacy(data, summary.finishedAt)),
    task:
      taskId === null
        ? null
        : toVodTask({
            taskId,
            kind: "Procedure",
            status: data.status,
            failed: summary.failed,
            errCode: data.errCode,
            message: data.message,
            subtasks,
          }),
  };
}

/** Absent, not null, when the flow reviewed nothing: the event is as it was before reviews were read. */
function reviewOf(review: VodReview | null): { review?: VodReview } {
  return review ? { review } : {};
}
