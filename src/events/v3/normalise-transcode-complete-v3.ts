import { findSubAppId } from "../find-sub-app-id.js";
import { toPlaySet, toTranscodeCompleteEvent } from "../to-transcode-complete-event.js";
import type { ProcedureEvent } from "../vod-event.js";
import type { TranscodeCompleteV3 } from "./transcode-complete-v3-schema.js";

export function normaliseTranscodeCompleteV3(body: TranscodeCompleteV3): ProcedureEvent {
  const event = body.TranscodeCompleteEvent;
  return toTranscodeCompleteEvent({
    eventType: body.EventType,
    format: "v3",
    fileId: event.FileId,
    taskId: event["TaskId"],
    errCode: event.ErrCode,
    message: event["Message"],
    fileName: event["FileName"],
    duration: event["Duration"],
    coverUrl: event["CoverUrl"],
    subAppId: findSubAppId(body, event),
    playSet: toPlaySet(event["PlayInfoSet"], false),
  });
}
