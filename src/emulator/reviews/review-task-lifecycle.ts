// A ReviewAudioVideo task from start to ReviewAudioVideoComplete. A review procedure starts one beside its
// Procedure task (its id is the upload event's ReviewAudioVideoTaskId) and finishes it with the flow; POST
// /_emulator/review starts one on an existing file and finishes it at once. The verdict is read when the task
// finishes, so one set for a FileId after the upload still counts.
import { randomBytes } from "node:crypto";
import type { EmulatorState, MediaRecord, ReviewTaskRecord } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { reviewAudioVideoCompleteEvent } from "./review-audio-video-complete-event.js";
import { verdictFor } from "./review-verdict.js";

export function createReviewTask(
  state: EmulatorState,
  media: MediaRecord,
  timing: { createdAt: number; finishAt: number; sessionContext: string },
): ReviewTaskRecord {
  const task: ReviewTaskRecord = {
    // Shape of Tencent's example: "125xxxx-ReviewAudioVideo-07edbc78ba20563cdf2362cffbf4aa0ct".
    taskId: `${state.appId}-ReviewAudioVideo-${randomBytes(16).toString("hex")}t`,
    fileId: media.fileId,
    subAppId: media.subAppId,
    sessionContext: timing.sessionContext,
    createdAt: timing.createdAt,
    finishAt: timing.finishAt,
    verdict: null,
  };
  state.reviewTasks.set(task.taskId, task);
  return task;
}

export function finishReviewTask(
  state: EmulatorState,
  events: EventDispatcher,
  task: ReviewTaskRecord,
  media: MediaRecord,
): void {
  task.verdict = verdictFor(state, media.fileId);
  task.finishAt = Math.max(task.finishAt, Date.now());
  events.emit(reviewAudioVideoCompleteEvent(task, media));
}
