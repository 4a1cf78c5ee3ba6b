// A file's task flow as VOD reports it now: DescribeTaskDetail of the task id we hold, else of the file's first
// Procedure task listed by DescribeTasks — the NewFileUpload that names the task id may be the very event that was
// lost, and MediaInfo does not name it. VOD answers both only for tasks of the last 3 days (SDK docs of
// DescribeTaskDetail and DescribeTasks): an older or unknown task is null, nothing to learn.
import { isAppError } from "../errors.js";
import { callVod, type VodErrorDetails } from "./call-vod.js";
import type { VodClient } from "./client.js";

export type VodProcedureTask = NonNullable<Awaited<ReturnType<VodClient["DescribeTaskDetail"]>>["ProcedureTask"]>;

export async function findProcedureTask(
  vod: Pick<VodClient, "DescribeTaskDetail" | "DescribeTasks">,
  file: { fileId: string; taskId: string | null; subAppId: number | undefined },
): Promise<VodProcedureTask | null> {
  const subApp = file.subAppId ? { SubAppId: file.subAppId } : {};
  try {
    const taskId = file.taskId ?? (await firstProcedureTaskId(vod, file.fileId, subApp));
    if (!taskId) return null;
    const detail = await callVod("DescribeTaskDetail", () => vod.DescribeTaskDetail({ TaskId: taskId, ...subApp }), {
      idempotent: true,
    });
    if (detail.TaskType !== "Procedure" || !detail.ProcedureTask) return null;
    return { ...detail.ProcedureTask, TaskId: detail.ProcedureTask.TaskId || taskId };
  } catch (error) {
    if (isAppError(error) && (error.details as VodErrorDetails | undefined)?.vodCode?.startsWith("ResourceNotFound"))
      return null;
    throw error;
  }
}

async function firstProcedureTaskId(
  vod: Pick<VodClient, "DescribeTasks">,
  fileId: string,
  subApp: { SubAppId?: number },
): Promise<string | null> {
  const answer = await callVod("DescribeTasks", () => vod.DescribeTasks({ FileId: fileId, Limit: 100, ...subApp }), {
    idempotent: true,
  });
  // The upload's own task flow is the first one started on the file; later ones come from ProcessMedia calls.
  const procedures = (answer.TaskSet ?? [])
    .filter((task) => task.TaskType === "Procedure" && task.TaskId)
    .sort((a, b) => (a.CreateTime ?? "").localeCompare(b.CreateTime ?? ""));
  return procedures[0]?.TaskId ?? null;
}
