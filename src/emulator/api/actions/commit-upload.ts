// CommitUpload (vod-reference §6.4): turns an upload session into media. A VodSessionKey works once
// (InvalidParameterValue.VodSessionKey afterwards). The media bytes must have reached the COS endpoint at
// MediaStoragePath, else ResourceNotFound (a code of CommitUpload's list in the Go SDK); a missing cover is
// tolerated and gives CoverUrl "". NewFileUpload is raised asynchronously right after the answer, as VOD does (it
// can reach a receiver before the caller has read the answer); a named Procedure starts a task that finishes, and
// raises ProcedureStateChanged, after settings.procedureDelayMs.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { MediaRecord, ProcedureTaskRecord } from "../../emulator-state.js";
import { newFileId } from "../../new-file-id.js";
import { newFileUploadEvent } from "../../events/new-file-upload-event.js";
import { procedureStateChangedEvent } from "../../events/procedure-state-changed-event.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const commitUploadParams = z.strictObject({ VodSessionKey: z.string(), SubAppId: subAppIdParam });

export const commitUpload: ActionHandler = (body, { state, events }) => {
  const params = readParams(commitUploadParams, body);
  const session = state.sessions.get(params.VodSessionKey);
  if (!session || session.committed || session.subAppId !== subAppIdOf(params.SubAppId, state.appId)) {
    throw new ApiError("InvalidParameterValue.VodSessionKey", "VodSessionKey is unknown or was already committed.");
  }
  const object = state.objects.get(session.mediaStoragePath);
  if (!object) {
    throw new ApiError("ResourceNotFound", `No media was uploaded to COS at ${session.mediaStoragePath}.`);
  }
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
      events.emit(procedureStateChangedEvent(task, media));
    });
  }

  return { FileId: fileId, MediaUrl: media.mediaUrl, CoverUrl: media.coverUrl };
};
