// Turns an upload session whose media bytes reached the COS endpoint into media, for CommitUpload and
// CommitUploadUGC alike (storeMedia). NewFileUpload is raised asynchronously right after, as VOD does (it can reach
// a receiver before the caller has read the commit answer); a named Procedure runs as storeMedia describes.
import type { EmulatorState, MediaRecord, StoredObject, UploadSession } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { newFileUploadEvent } from "../events/new-file-upload-event.js";
import { storeMedia } from "./store-media.js";

export function commitUploadSession(
  state: EmulatorState,
  events: EventDispatcher,
  session: UploadSession,
  object: StoredObject,
): MediaRecord {
  const cover = session.coverStoragePath ? state.objects.get(session.coverStoragePath) : undefined;
  session.committed = true;
  return storeMedia(
    state,
    events,
    {
      subAppId: session.subAppId,
      name: session.mediaName,
      type: session.mediaType,
      size: object.bytes.length,
      storageRegion: session.storageRegion,
      storagePath: session.customStoragePath ? session.mediaStoragePath : "",
      objectPaths: cover ? [object.path, cover.path] : [object.path],
      coverType: cover ? session.coverType : undefined,
      classId: session.classId,
      sourceContext: session.sourceContext,
      sessionContext: session.sessionContext,
      expireTime: session.expireTime,
      clientUpload: session.clientUpload,
      procedure: session.procedure,
      taskPriority: session.taskPriority,
      taskNotifyMode: session.taskNotifyMode,
    },
    newFileUploadEvent,
  );
}
