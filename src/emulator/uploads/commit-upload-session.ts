// Turns an upload session whose media bytes reached the COS endpoint into media, for CommitUpload and
// CommitUploadUGC alike. NewFileUpload is raised asynchronously right after, as VOD does (it can reach a receiver
// before the caller has read the commit answer); a named Procedure starts a task that finishes, and raises
// ProcedureStateChanged, after settings.procedureDelayMs — unless the task flow's notify mode is "None", which asks
// VOD for no callback. Mode "Change" still gets the one final event: the emulated flow has no intermediate steps
// worth reporting. A successful flow's outputs (transcodes, adaptive stream, snapshots, sprite, cover) are derived
// from the media by procedure-outputs.ts whenever asked; only the cover changes the media record.
import { randomBytes } from "node:crypto";
import type {
  EmulatorState,
  MediaRecord,
  ProcedureTaskRecord,
  StoredObject,
  UploadSession,
} from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { newFileUploadEvent } from "../events/new-file-upload-event.js";
import { procedureOutputs } from "../events/procedure-outputs.js";
import { procedureStateChangedEvent } from "../events/procedure-state-changed-event.js";
import { newFileId } from "../new-file-id.js";

export function commitUploadSession(
  state: EmulatorState,
  events: EventDispatcher,
  session: UploadSession,
  object: StoredObject,
): MediaRecord {
  const cover = session.coverStoragePath ? state.objects.get(session.coverStoragePath) : undefined;
  session.committed = true;

  const fileId = newFileId();
  const now = Date.now();
  // VOD's playback URLs: http://<AppId>.vod2.myqcloud.com/<hash>/<FileId>/<random>.<ext> (vod-reference §6.4).
  const base = `http://${state.appId}.vod2.myqcloud.com/${randomBytes(4).toString("hex")}vod${state.appId}/${fileId}`;
  const media: MediaRecord = {
    fileId,
    subAppId: session.subAppId,
    name: session.mediaName ?? fileId,
    type: session.mediaType,
    size: object.bytes.length,
    storageRegion: session.storageRegion,
    storagePath: session.customStoragePath ? session.mediaStoragePath : "",
    objectPaths: cover ? [object.path, cover.path] : [object.path],
    classId: session.classId,
    sourceContext: session.sourceContext,
    sessionContext: session.sessionContext,
    mediaUrl: `${base}/${randomBytes(9).toString("base64url")}.${session.mediaType}`,
    coverUrl: cover ? `${base}/cover.${session.coverType}` : "",
    createdAt: now,
    expireTime: session.expireTime,
    procedureTaskId: "",
    clientUpload: session.clientUpload,
    deleted: false,
    deletedParts: [],
  };
  state.media.set(fileId, media);
  state.timers.after(0, () => events.emit(newFileUploadEvent(media)));

  if (session.procedure) {
    const delay = state.settings.procedureDelayMs;
    const task: ProcedureTaskRecord = {
      taskId: `${state.appId}-Procedure-${randomBytes(16).toString("hex")}t0`,
      fileId,
      subAppId: session.subAppId,
      procedure: session.procedure,
      sessionContext: session.sessionContext,
      priority: session.taskPriority,
      notifyMode: session.taskNotifyMode,
      outcome: state.settings.procedureOutcome,
      createdAt: now,
      beginAt: now + Math.floor(delay / 5),
      finishAt: now + delay,
      finished: false,
    };
    media.procedureTaskId = task.taskId;
    state.tasks.set(task.taskId, task);
    state.timers.after(delay, () => {
      task.finished = true;
      // CoverBySnapshot makes the snapshot the file's cover, so MediaBasicInfo.CoverUrl names it from now on.
      if (task.outcome === "success") media.coverUrl = procedureOutputs(media).cover.CoverUrl;
      if (task.notifyMode !== "None") events.emit(procedureStateChangedEvent(task, media));
    });
  }
  return media;
}
