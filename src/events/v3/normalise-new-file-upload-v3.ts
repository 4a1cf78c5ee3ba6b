import { readText } from "../fields/read-text.js";
import { findSubAppId } from "../find-sub-app-id.js";
import { pendingReview } from "../review/pending-review.js";
import { toMediaFields } from "../to-media-fields.js";
import { toMetadata } from "../to-metadata.js";
import type { UploadEvent } from "../vod-event.js";
import type { NewFileUploadV3 } from "./new-file-upload-v3-schema.js";

// MediaBasicInfo members that have their own Upload column; the others (ClassId, Category, Description, TagSet,
// StorageClass, …) go to metadata. Status is renamed so it is not mistaken for the upload's status.
const COLUMN_MEMBERS = new Set(["Name", "CreateTime", "CoverUrl", "Type", "MediaUrl", "StorageRegion", "SourceInfo"]);

export function normaliseNewFileUploadV3(body: NewFileUploadV3): UploadEvent {
  const event = body.FileUploadEvent;
  const info = event.MediaBasicInfo ?? null;
  const basicInfoExtras = Object.fromEntries(
    Object.entries(info ?? {})
      .filter(([key]) => !COLUMN_MEMBERS.has(key))
      .map(([key, value]) => [key === "Status" ? "MediaStatus" : key, value]),
  );
  return {
    kind: "upload",
    eventType: body.EventType,
    format: "v3",
    fileId: event.FileId,
    procedureTaskId: event.ProcedureTaskId,
    occurredAt: info?.CreateTime ?? null,
    ...toMediaFields({
      mediaUrl: info?.MediaUrl ?? null,
      coverUrl: info?.CoverUrl ?? null,
      name: info?.Name ?? null,
      mediaType: info?.Type ?? null,
      sourceType: info?.SourceInfo?.SourceType ?? null,
      sourceContext: info?.SourceInfo?.SourceContext ?? null,
      storageRegion: info?.StorageRegion ?? null,
      subAppId: findSubAppId(body, event),
      // FileUploadTask has neither in the SDK model (docs/vod-events.md §11.3): read in case VOD echoes them here
      // as it does in ProcedureStateChanged and PullComplete; two lookups, no walk.
      sessionContext: readText(event["SessionContext"]),
      sessionId: readText(event["SessionId"]),
      metadata: toMetadata(event.MetaData, basicInfoExtras, { ReviewAudioVideoTaskId: event.ReviewAudioVideoTaskId }),
    }),
    // Absent, not null, when no review was asked for: the hot path's upload stays as it was (no review step).
    ...(event.ReviewAudioVideoTaskId ? { review: pendingReview(event.ReviewAudioVideoTaskId) } : {}),
  };
}
