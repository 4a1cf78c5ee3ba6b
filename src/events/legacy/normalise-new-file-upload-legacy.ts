import { findSubAppId } from "../find-sub-app-id.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import type { UploadEvent } from "../vod-event.js";
import type { NewFileUploadLegacy } from "./new-file-upload-legacy-schema.js";

// The 2017 format has no media type, storage region or creation time; sourceType is kept as sent
// (ServerUpload | ClientUpload | Record), unlike v3's "Upload" (vod-reference §1.2).
export function normaliseNewFileUploadLegacy(body: NewFileUploadLegacy): UploadEvent {
  const data = body.data;
  return {
    kind: "upload",
    eventType: body.eventType,
    format: "legacy",
    fileId: data.fileId,
    procedureTaskId: data.procedureTaskId,
    occurredAt: null,
    ...toMediaFields({
      mediaUrl: data.fileUrl,
      coverUrl: data.coverUrl,
      name: data.fileName,
      sourceType: data.sourceType,
      sourceContext: data.sourceContext,
      subAppId: findSubAppId(body, data),
      metadata: toMetadata(data.metaData, {
        author: data["author"],
        streamId: data["streamId"],
        transcodeTaskId: data["transcodeTaskId"],
      }),
    }),
  };
}
