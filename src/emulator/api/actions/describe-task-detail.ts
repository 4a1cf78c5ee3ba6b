// DescribeTaskDetail for procedure tasks: TaskType "Procedure", Status WAITING → PROCESSING → FINISH following the
// emulated clock, and ProcedureTask with exactly the fields the ProcedureStateChanged event carries. An unknown
// TaskId (or one of another application) is ResourceNotFound, as the Go SDK lists for this family of actions.
import { z } from "zod";
import { isoSeconds } from "../../events/iso-seconds.js";
import { procedureTask } from "../../events/procedure-task.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const describeTaskDetailParams = z.strictObject({ TaskId: z.string(), SubAppId: subAppIdParam });

export const describeTaskDetail: ActionHandler = (body, { state }) => {
  const params = readParams(describeTaskDetailParams, body);
  const task = state.tasks.get(params.TaskId);
  const media = task ? state.media.get(task.fileId) : undefined;
  if (!task || !media || task.subAppId !== subAppIdOf(params.SubAppId, state.appId)) {
    throw new ApiError("ResourceNotFound", `Task ${params.TaskId} does not exist.`);
  }
  const view = procedureTask(task, media, Date.now());
  return {
    TaskType: "Procedure",
    Status: view.Status,
    CreateTime: isoSeconds(task.createdAt),
    BeginProcessTime: view.Status === "WAITING" ? "" : isoSeconds(task.beginAt),
    FinishTime: view.Status === "FINISH" ? isoSeconds(task.finishAt) : "",
    ProcedureTask: view,
  };
};
