import type { VodTask } from "./vod-output.js";

// A task as every format reports it. Its times come from its subtasks (no VOD task event carries its own):
// begun at the earliest BeginProcessTime, finished at the latest FinishTime; unreadable times are null already.
// Statuses are upper-cased (the 2017 format's are upper case in its docs; nothing in the current one is not).
export function toVodTask(task: Omit<VodTask, "beganAt" | "finishedAt">): VodTask {
  let beganAt: Date | null = null;
  let finishedAt: Date | null = null;
  for (const subtask of task.subtasks) {
    if (subtask.beganAt !== null && (beganAt === null || subtask.beganAt < beganAt)) beganAt = subtask.beganAt;
    if (subtask.finishedAt !== null && (finishedAt === null || subtask.finishedAt > finishedAt))
      finishedAt = subtask.finishedAt;
  }
  return { ...task, status: task.status.toUpperCase(), beganAt, finishedAt };
}
