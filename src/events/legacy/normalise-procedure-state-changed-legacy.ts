import { findSubAppId } from "../find-sub-app-id.js";
import { summariseProcedure } from "../summarise-procedure.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { ProcedureStateChangedLegacy } from "./procedure-state-changed-legacy-schema.js";

export function normaliseProcedureStateChangedLegacy(body: ProcedureStateChangedLegacy): ProcedureEvent {
  const data = body.data;
  const subtasks = (data.processTaskList ?? []).map((task) => ({
    type: task.taskType ?? "unknown",
    status: task.status,
    errCode: task.errCode,
    errCodeExt: task.errCodeExt,
    message: task.message,
    finishedAt: task.finishTime,
  }));
  return {
    kind: "procedure",
    eventType: body.eventType,
    format: "legacy",
    fileId: data.fileId,
    procedureTaskId: data.vodTaskId ?? data.procedureTaskId,
    procedureStatus: data.status,
    errCode: data.errCode,
    message: data.message,
    ...summariseProcedure(data.status, data.errCode, subtasks),
    media: toMediaFields({
      mediaUrl: data.fileUrl,
      name: data.fileName,
      subAppId: findSubAppId(body, data),
      metadata: toMetadata(data.metaData),
    }),
  };
}
