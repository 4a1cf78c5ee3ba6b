import { findSubAppId } from "../find-sub-app-id.js";
import { summariseProcedure } from "../summarise-procedure.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { ProcedureStateChangedV3 } from "./procedure-state-changed-v3-schema.js";

export function normaliseProcedureStateChangedV3(body: ProcedureStateChangedV3): ProcedureEvent {
  const event = body.ProcedureStateChangeEvent;
  const subtasks = (event.MediaProcessResultSet ?? []).flat().map((task) => ({
    type: task.Type,
    status: task.Status,
    errCode: task.ErrCode,
    errCodeExt: task.ErrCodeExt,
    message: task.Message,
    finishedAt: task.FinishTime,
  }));
  return {
    kind: "procedure",
    eventType: body.EventType,
    format: "v3",
    fileId: event.FileId,
    procedureTaskId: event.TaskId,
    procedureStatus: event.Status,
    errCode: event.ErrCode,
    message: event.Message,
    ...summariseProcedure(event.Status, event.ErrCode, subtasks),
    media: toMediaFields({
      mediaUrl: event.FileUrl,
      name: event.FileName,
      subAppId: findSubAppId(body, event),
      metadata: toMetadata(event.MetaData),
    }),
  };
}
