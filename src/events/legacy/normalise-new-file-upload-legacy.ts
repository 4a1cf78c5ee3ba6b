import { readNumber } from "../fields/read-number.js";
import { findSubAppId } from "../find-sub-app-id.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import type { UploadEvent } from "../vod-event.js";
import type { NewFileUploadLegacy } from "./new-file-upload-legacy-schema.js";

// The 2017 format has no media type, storage region or creation time; sourceType is kept as sent
// (ServerUpload | ClientUpload | Record), unlike v3's "Upload" (vod-reference §1.2). The "with meta info" variant
// (docs/vod-events.md §11.5) sends duration, fileSize, width, height and bitrate flat under data, with no metaData
// object; they go to metadata under metaData's names (fileSize → size), a metaData object winning where both are.
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
      metadata: toMetadata(flatMeta(data), data.metaData, {
        author: data["author"],
        streamId: data["streamId"],
        transcodeTaskId: data["transcodeTaskId"],
        imageSpriteTaskId: data["imageSpriteTaskId"],
        porncheckTaskId: data["porncheckTaskId"],
      }),
    }),
  };
}

const FLAT_META = [
  ["duration", "duration"],
  ["fileSize", "size"],
  ["width", "width"],
  ["height", "height"],
  ["bitrate", "bitrate"],
] as const;

function flatMeta(data: Record<string, unknown>): Record<string, number> | null {
  let meta: Record<string, number> | null = null;
  for (const [from, to] of FLAT_META) {
    const value = readNumber(data[from]);
    if (value !== null && Number.isFinite(value)) (meta ??= {})[to] = value;
  }
  return meta;
}
