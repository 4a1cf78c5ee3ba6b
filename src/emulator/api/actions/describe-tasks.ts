// DescribeTasks (SDK DescribeTasksRequest/Response, TaskSimpleInfo): the tasks of the application, filtered by
// FileId and Status, newest first — how a caller finds the task flow of a file whose NewFileUpload (the only
// event naming its ProcedureTaskId) was lost; MediaInfo does not name it. VOD answers for the last 72 hours only
// (SDK doc of DescribeTasks): older tasks are left out (settings.taskRetentionMs). Everything fits in one page:
// ScrollToken is "".
import { z } from "zod";
import { isoSeconds } from "../../events/iso-seconds.js";
import { procedureTask } from "../../events/procedure-task.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const describeTasksParams = z.strictObject({
  SubAppId: subAppIdParam,
  Status: z.enum(["WAITING", "PROCESSING", "FINISH"]).optional(),
  FileId: z.string().optional(),
  CreateTime: z.unknown().optional(),
  FinishTime: z.unknown().optional(),
  Sort: z.unknown().optional(),
  Limit: z.int().min(1).max(100).optional(),
  ScrollToken: z.string().optional(),
});

export const describeTasks: ActionHandler = (body, { state }) => {
  const params = readParams(describeTasksParams, body);
  const subAppId = subAppIdOf(params.SubAppId, state.appId);
  const now = Date.now();
  const tasks = [...state.tasks.values()]
    .filter((task) => task.subAppId === subAppId && (params.FileId === undefined || task.fileId === params.FileId))
    .filter((task) => now - task.createdAt <= state.settings.taskRetentionMs)
    .flatMap((task) => {
      const media = state.media.get(task.fileId);
      return media ? [{ task, status: procedureTask(task, media, now).Status }] : [];
    })
    .filter(({ status }) => params.Status === undefined || status === params.Status)
    .sort((a, b) => b.task.createdAt - a.task.createdAt)
    .slice(0, params.Limit ?? 10);
  return {
    TaskSet: tasks.map(({ task, status }) => ({
      TaskId: task.taskId,
      Status: status,
      FileId: task.fileId,
      TaskType: "Procedure",
      CreateTime: isoSeconds(task.createdAt),
      BeginProcessTime: status === "WAITING" ? "" : isoSeconds(task.beginAt),
      FinishTime: status === "FINISH" ? isoSeconds(task.finishAt) : "",
      SessionId: "",
      SessionContext: task.sessionContext,
    })),
    ScrollToken: "",
  };
};
