// A pull upload's task as VOD reports it now: DescribeTaskDetail of the pull TaskId (TaskType "PullUpload",
// PullUploadTask). VOD answers for tasks of the last 3 days only (SDK doc of DescribeTaskDetail): an older or
// unknown task, or one that is not a pull, is null — nothing to learn.
import { isAppError } from "../errors.js";
import { callVod, type VodErrorDetails } from "./call-vod.js";
import type { VodClient } from "./client.js";

export type VodPullTask = NonNullable<Awaited<ReturnType<VodClient["DescribeTaskDetail"]>>["PullUploadTask"]>;

export async function findPullTask(
  vod: Pick<VodClient, "DescribeTaskDetail">,
  pull: { taskId: string; subAppId: number | undefined },
): Promise<VodPullTask | null> {
  try {
    const detail = await callVod(
      "DescribeTaskDetail",
      () => vod.DescribeTaskDetail({ TaskId: pull.taskId, ...(pull.subAppId ? { SubAppId: pull.subAppId } : {}) }),
      { idempotent: true },
    );
    if (detail.TaskType !== "PullUpload" || !detail.PullUploadTask) return null;
    return { ...detail.PullUploadTask, TaskId: detail.PullUploadTask.TaskId || pull.taskId };
  } catch (error) {
    if (isAppError(error) && (error.details as VodErrorDetails | undefined)?.vodCode?.startsWith("ResourceNotFound"))
      return null;
    throw error;
  }
}
