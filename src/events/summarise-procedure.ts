import type { ProcedureEvent } from "./vod-event.js";

// DESIGN §3: "FINISH" only says the task flow ended. It failed when its (deprecated but still sent) top-level
// ErrCode is non-zero or any subtask failed: Status FAIL, a non-zero ErrCode or a non-empty ErrCodeExt
// (vod-reference §1.6, §1.7). A flow still PROCESSING has not failed yet, whatever its subtasks say.

export interface ProcedureSubtask {
  type: string;
  status: string | null;
  errCode: number | null;
  errCodeExt: string | null;
  message: string | null;
  finishedAt: Date | null;
}

export function summariseProcedure(
  status: string,
  errCode: number | null,
  subtasks: ProcedureSubtask[],
): Pick<ProcedureEvent, "failed" | "finishedAt" | "results"> {
  const subtaskFailed = subtasks.some(
    (task) => task.status === "FAIL" || (task.errCode !== null && task.errCode !== 0) || task.errCodeExt !== null,
  );
  const failed = status === "FINISH" && ((errCode !== null && errCode !== 0) || subtaskFailed);
  let finishedAt: Date | null = null;
  for (const task of subtasks) {
    if (task.finishedAt !== null && (finishedAt === null || task.finishedAt > finishedAt)) finishedAt = task.finishedAt;
  }
  const results = subtasks.map(({ type, status, errCode, errCodeExt, message }) => ({
    type,
    status,
    errCode,
    errCodeExt,
    message,
  }));
  return { failed, finishedAt, results };
}
