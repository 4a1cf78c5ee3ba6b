import { findSubAppId } from "../find-sub-app-id.js";
import { toPlaySet, toTranscodeCompleteEvent } from "../to-transcode-complete-event.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { TranscodeCompleteLegacy } from "./transcode-complete-legacy-schema.js";

export function normaliseTranscodeCompleteLegacy(body: TranscodeCompleteLegacy): ProcedureEvent {
  const data = body.data;
  return toTranscodeCompleteEvent({
    eventType: body.eventType,
    format: "legacy",
    fileId: data.fileId,
    taskId: data["vodTaskId"],
    errCode: data.status,
    message: data["message"],
    fileName: data["fileName"],
    duration: data["duration"],
    coverUrl: data["coverUrl"],
    subAppId: findSubAppId(body, data),
    playSet: toPlaySet(data["playSet"], true),
  });
}
