// Factories of normalised events for rule tests: unique FileIds, realistic defaults, override what the test names.
import { randomInt } from "node:crypto";
import type { DeleteEvent, MediaFields, ProcedureEvent, UploadEvent } from "../../src/events/vod-event.js";

export const newFileId = () => `52858907842${String(randomInt(1e8)).padStart(8, "0")}`;

const noMedia: MediaFields = {
  mediaUrl: null,
  coverUrl: null,
  name: null,
  mediaType: null,
  sourceType: null,
  sourceContext: null,
  storageRegion: null,
  subAppId: null,
  sessionContext: null,
  sessionId: null,
  metadata: {},
};

export function uploadEvent(fileId: string, overrides: Partial<UploadEvent> = {}): UploadEvent {
  return {
    kind: "upload",
    eventType: "NewFileUpload",
    format: "v3",
    fileId,
    procedureTaskId: "1256768367-Procedure-475b7228d4f8f50d1cb177t1",
    occurredAt: new Date("2024-06-10T08:12:40Z"),
    mediaUrl: `https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/5b8e2d5c${fileId}/q1BORBPQH1IA.mp4`,
    coverUrl: null,
    name: "lesson-01-intro",
    mediaType: "mp4",
    sourceType: "Upload",
    sourceContext: "order-1001",
    storageRegion: "ap-chongqing",
    sessionContext: null,
    sessionId: null,
    subAppId: null,
    metadata: { size: 7700180, duration: 60 },
    ...overrides,
  };
}

export function procedureEvent(
  fileId: string,
  overrides: Partial<ProcedureEvent> & { procedureStatus?: string } = {},
): ProcedureEvent {
  return {
    kind: "procedure",
    eventType: "ProcedureStateChanged",
    format: "v3",
    fileId,
    procedureTaskId: "1256768367-Procedure-475b7228d4f8f50d1cb177t1",
    procedureStatus: "FINISH",
    failed: false,
    errCode: 0,
    message: null,
    finishedAt: new Date("2024-06-10T08:13:31Z"),
    media: {
      ...noMedia,
      mediaUrl: "https://example.vod2.myqcloud.com/from-procedure.mp4",
      name: "from-procedure",
      metadata: { size: 1 },
    },
    results: [{ type: "Transcode", status: "SUCCESS", errCode: 0, errCodeExt: null, message: "SUCCESS" }],
    ...overrides,
  };
}

export function deleteEvent(fileIds: string[], options: { partial?: boolean } = {}): DeleteEvent {
  return {
    kind: "delete",
    eventType: "FileDeleted",
    format: "v3",
    fileIds,
    whole: Object.fromEntries(fileIds.map((id) => [id, !options.partial])),
    parts: Object.fromEntries(
      fileIds.map((id) => [id, options.partial ? [{ type: "TranscodeFiles", definition: 0 }] : []]),
    ),
  };
}
