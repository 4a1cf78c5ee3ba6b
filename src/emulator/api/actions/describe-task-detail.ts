// DescribeTaskDetail (SDK DescribeTaskDetailResponse) for the tasks the emulator runs, one TaskType each:
// - "Procedure": Status WAITING → PROCESSING → FINISH following the emulated clock, and ProcedureTask with exactly
//   the fields the ProcedureStateChanged event carries;
// - "PullUpload": PROCESSING until the fetch ends, then FINISH; PullUploadTask as PullComplete carries it;
// - "ReviewAudioVideo": ReviewAudioVideoTask as ReviewAudioVideoComplete carries it.
// An unknown TaskId (or one of another application, or one created longer than taskRetentionMs ago: VOD keeps
// 3 days) is ResourceNotFound, as the Go SDK lists for this family of actions.
import { z } from "zod";
import type { EmulatorState } from "../../emulator-state.js";
import { isoSeconds } from "../../events/iso-seconds.js";
import { procedureTask } from "../../events/procedure-task.js";
import { pullUploadTask } from "../../pulls/pull-upload-task.js";
import { reviewAudioVideoTask } from "../../reviews/review-audio-video-task.js";
import { verdictFor } from "../../reviews/review-verdict.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const describeTaskDetailParams = z.strictObject({ TaskId: z.string(), SubAppId: subAppIdParam });

export const describeTaskDetail: ActionHandler = (body, { state }) => {
  const params = readParams(describeTaskDetailParams, body);
  const subAppId = subAppIdOf(params.SubAppId, state.appId);
  const now = Date.now();
  const known = <Task extends { subAppId: number; createdAt: number }>(task: Task | undefined): task is Task =>
    task !== undefined && task.subAppId === subAppId && now - task.createdAt <= state.settings.taskRetentionMs;
  const times = (createdAt: number, beginAt: number | null, finishAt: number | null) => ({
    CreateTime: isoSeconds(createdAt),
    BeginProcessTime: beginAt === null ? "" : isoSeconds(beginAt),
    FinishTime: finishAt === null ? "" : isoSeconds(finishAt),
  });

  const pull = state.pullTasks.get(params.TaskId);
  if (known(pull)) {
    const view = pullUploadTask(pull, state.media.get(pull.fileId));
    return {
      TaskType: "PullUpload",
      Status: view.Status,
      ...times(pull.createdAt, pull.beginAt, pull.finishAt),
      PullUploadTask: view,
    };
  }
  const review = state.reviewTasks.get(params.TaskId);
  const reviewed = review ? state.media.get(review.fileId) : undefined;
  if (known(review) && reviewed) {
    const fixed = review.verdict
      ? review
      : { ...review, verdict: now >= review.finishAt ? verdictFor(state, review.fileId) : null };
    const view = reviewAudioVideoTask(fixed, reviewed, now);
    const finishAt = view.Status === "FINISH" ? fixed.finishAt : null;
    return {
      TaskType: "ReviewAudioVideo",
      Status: view.Status,
      ...times(review.createdAt, review.createdAt, finishAt),
      ReviewAudioVideoTask: view,
    };
  }
  return procedureDetail(state, params.TaskId, known, times);
};

function procedureDetail(
  state: EmulatorState,
  taskId: string,
  known: (task: { subAppId: number; createdAt: number } | undefined) => boolean,
  times: (createdAt: number, beginAt: number | null, finishAt: number | null) => Record<string, string>,
): Record<string, unknown> {
  const task = state.tasks.get(taskId);
  const media = task ? state.media.get(task.fileId) : undefined;
  if (!task || !media || !known(task)) throw new ApiError("ResourceNotFound", `Task ${taskId} does not exist.`);
  // The verdict the flow's review reached, or would reach if it finished now.
  const review = task.reviewTaskId
    ? (state.reviewTasks.get(task.reviewTaskId)?.verdict ?? verdictFor(state, task.fileId))
    : undefined;
  const view = procedureTask(task, media, Date.now(), review);
  return {
    TaskType: "Procedure",
    Status: view.Status,
    ...times(
      task.createdAt,
      view.Status === "WAITING" ? null : task.beginAt,
      view.Status === "FINISH" ? task.finishAt : null,
    ),
    ProcedureTask: view,
  };
}
