import { readText } from "../fields/read-text.js";
import { findSubAppId } from "../find-sub-app-id.js";
import { pendingReview } from "../review/pending-review.js";
import { addMetadata, toMetadata } from "../to-metadata.js";
import type { UploadEvent } from "../vod-event.js";
import type { NewFileUploadV3 } from "./new-file-upload-v3-schema.js";

// MediaBasicInfo members that have their own Upload column (mapped to null: left out of metadata); the others
// (ClassId, Category, Description, TagSet, StorageClass, …) go to metadata. Status is renamed so it is not mistaken
// for the upload's status.
const BASIC_INFO_KEYS: ReadonlyMap<string, string | null> = new Map([
  ["Name", null],
  ["CreateTime", null],
  ["CoverUrl", null],
  ["Type", null],
  ["MediaUrl", null],
  ["StorageRegion", null],
  ["SourceInfo", null],
  ["Status", "mediaStatus"],
]);

// The hot path (issue 13): the event is one object literal with every key in the order toMediaFields gave it, and
// MediaBasicInfo's members go to metadata straight from zod's output, with no filtered copy of it in between.
export function normaliseNewFileUploadV3(body: NewFileUploadV3): UploadEvent {
  const event = body.FileUploadEvent;
  const info = event.MediaBasicInfo ?? null;
  const sourceInfo = info?.SourceInfo ?? null;
  const reviewTaskId = event.ReviewAudioVideoTaskId;
  const metadata = toMetadata(event.MetaData);
  if (info !== null) addMetadata(metadata, basicInfoExtras(info), BASIC_INFO_KEYS);
  if (reviewTaskId !== null) metadata["reviewAudioVideoTaskId"] = reviewTaskId;
  const upload: UploadEvent = {
    kind: "upload",
    eventType: body.EventType,
    format: "v3",
    fileId: event.FileId,
    procedureTaskId: event.ProcedureTaskId,
    occurredAt: info?.CreateTime ?? null,
    mediaUrl: info?.MediaUrl ?? null,
    coverUrl: info?.CoverUrl ?? null,
    name: info?.Name ?? null,
    mediaType: info?.Type ?? null,
    sourceType: sourceInfo?.SourceType ?? null,
    sourceContext: sourceInfo?.SourceContext ?? null,
    storageRegion: info?.StorageRegion ?? null,
    subAppId: findSubAppId(body, event),
    // FileUploadTask has neither in the SDK model (docs/vod-events.md §11.3): read in case VOD echoes them here
    // as it does in ProcedureStateChanged and PullComplete; two lookups, no walk.
    sessionContext: readText(event["SessionContext"]),
    sessionId: readText(event["SessionId"]),
    metadata,
  };
  // Absent, not null, when no review was asked for: the hot path's upload stays as it was (no review step).
  if (reviewTaskId) upload.review = pendingReview(reviewTaskId);
  return upload;
}

type MediaBasicInfo = NonNullable<NewFileUploadV3["FileUploadEvent"]["MediaBasicInfo"]>;

/** MediaBasicInfo as addMetadata reads it. Both Status and MediaStatus (no real body): Status, renamed, used to
 *  replace MediaStatus as one entry, the later one's value at the earlier one's place, so that copy is kept here. */
function basicInfoExtras(info: MediaBasicInfo): Record<string, unknown> {
  if (!Object.hasOwn(info, "Status") || !Object.hasOwn(info, "MediaStatus")) return info;
  return Object.fromEntries(
    Object.entries(info).map(([key, value]) => [key === "Status" ? "MediaStatus" : key, value]),
  );
}
