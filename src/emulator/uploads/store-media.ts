// Makes media of bytes that reached the emulator — a committed upload session or a finished pull — the same way for
// both: a FileId, VOD-style playback URLs, the announcing event (NewFileUpload or PullComplete) raised right after,
// and, for a named Procedure, a task that finishes and raises ProcedureStateChanged after settings.procedureDelayMs
// — unless the task flow's notify mode is "None", which asks VOD for no callback. Mode "Change" still gets the one
// final event: the emulated flow has no intermediate steps worth reporting. A procedure that asks for review starts
// a ReviewAudioVideo task beside it, finished with the flow (ReviewAudioVideoComplete after ProcedureStateChanged).
// A successful flow's outputs are derived from the media by procedure-outputs.ts whenever asked; only the cover
// changes the media record.
import { randomBytes } from "node:crypto";
import type { EmulatorState, MediaRecord, ProcedureTaskRecord, TaskNotifyMode } from "../emulator-state.js";
import type { EventDispatcher, VodEventDraft } from "../events/event-dispatcher.js";
import { procedureOutputs } from "../events/procedure-outputs.js";
import { procedureStateChangedEvent } from "../events/procedure-state-changed-event.js";
import { newFileId } from "../new-file-id.js";
import { createReviewTask, finishReviewTask } from "../reviews/review-task-lifecycle.js";
import { asksForReview, verdictFor } from "../reviews/review-verdict.js";

export interface MediaSpec {
  subAppId: number;
  name: string | undefined;
  /** Lower-case extension. */
  type: string;
  size: number;
  storageRegion: string;
  /** Reported as MediaBasicInfo.StoragePath ("FileID + Path" apps), else "". */
  storagePath: string;
  objectPaths: string[];
  /** Extension of a cover that came with the media, if any. */
  coverType: string | undefined;
  classId: number;
  sourceContext: string;
  sessionContext: string;
  expireTime: string | undefined;
  clientUpload: boolean;
  procedure: string | undefined;
  taskPriority: number;
  taskNotifyMode: TaskNotifyMode;
}

export function storeMedia(
  state: EmulatorState,
  events: EventDispatcher,
  spec: MediaSpec,
  announce: (media: MediaRecord) => VodEventDraft,
): MediaRecord {
  const fileId = newFileId();
  const now = Date.now();
  // VOD's playback URLs: http://<AppId>.vod2.myqcloud.com/<hash>/<FileId>/<random>.<ext> (vod-reference §6.4).
  const base = `http://${state.appId}.vod2.myqcloud.com/${randomBytes(4).toString("hex")}vod${state.appId}/${fileId}`;
  const media: MediaRecord = {
    fileId,
    subAppId: spec.subAppId,
    name: spec.name ?? fileId,
    type: spec.type,
    size: spec.size,
    storageRegion: spec.storageRegion,
    storagePath: spec.storagePath,
    objectPaths: spec.objectPaths,
    classId: spec.classId,
    sourceContext: spec.sourceContext,
    sessionContext: spec.sessionContext,
    mediaUrl: `${base}/${randomBytes(9).toString("base64url")}.${spec.type}`,
    coverUrl: spec.coverType ? `${base}/cover.${spec.coverType}` : "",
    createdAt: now,
    expireTime: spec.expireTime,
    procedureTaskId: "",
    reviewTaskId: "",
    clientUpload: spec.clientUpload,
    deleted: false,
    deletedParts: [],
  };
  state.media.set(fileId, media);
  if (spec.procedure) startProcedure(state, media, spec, now);
  // Scheduled before the procedure's own timer, so the announcement comes first even with procedureDelayMs 0.
  state.timers.after(0, () => events.emit(announce(media)));
  if (media.procedureTaskId) scheduleProcedureEnd(state, events, media);
  return media;
}

function startProcedure(state: EmulatorState, media: MediaRecord, spec: MediaSpec, now: number): void {
  const delay = state.settings.procedureDelayMs;
  const task: ProcedureTaskRecord = {
    taskId: `${state.appId}-Procedure-${randomBytes(16).toString("hex")}t0`,
    fileId: media.fileId,
    subAppId: spec.subAppId,
    procedure: spec.procedure as string,
    sessionContext: spec.sessionContext,
    priority: spec.taskPriority,
    notifyMode: spec.taskNotifyMode,
    outcome: state.settings.procedureOutcome,
    createdAt: now,
    beginAt: now + Math.floor(delay / 5),
    finishAt: now + delay,
    finished: false,
    reviewTaskId: "",
  };
  if (asksForReview(spec.procedure)) {
    const timing = { createdAt: now, finishAt: task.finishAt, sessionContext: spec.sessionContext };
    task.reviewTaskId = createReviewTask(state, media, timing).taskId;
    media.reviewTaskId = task.reviewTaskId;
  }
  media.procedureTaskId = task.taskId;
  state.tasks.set(task.taskId, task);
}

function scheduleProcedureEnd(state: EmulatorState, events: EventDispatcher, media: MediaRecord): void {
  const task = state.tasks.get(media.procedureTaskId)!;
  state.timers.after(Math.max(0, task.finishAt - Date.now()), () => {
    task.finished = true;
    // CoverBySnapshot makes the snapshot the file's cover, so MediaBasicInfo.CoverUrl names it from now on.
    if (task.outcome === "success") media.coverUrl = procedureOutputs(media).cover.CoverUrl;
    const review = task.reviewTaskId ? state.reviewTasks.get(task.reviewTaskId) : undefined;
    const verdict = review ? verdictFor(state, media.fileId) : undefined;
    if (task.notifyMode !== "None") events.emit(procedureStateChangedEvent(task, media, verdict));
    if (review) finishReviewTask(state, events, review, media);
  });
}
