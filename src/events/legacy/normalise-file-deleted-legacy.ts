import type { DeleteEvent } from "../vod-event.js";
import type { FileDeletedLegacy } from "./file-deleted-legacy-schema.js";

// The 2017 FileDeleted reports whole-media deletes only: it has no notion of parts (vod-reference §2.4).
export function normaliseFileDeletedLegacy(body: FileDeletedLegacy): DeleteEvent {
  const fileIds = [...new Set(body.data.fileInfo.map((file) => file.fileId))];
  return {
    kind: "delete",
    eventType: body.eventType,
    format: "legacy",
    fileIds,
    // fromEntries, not literals: a FileId is untrusted text and "__proto__" must stay a key.
    whole: Object.fromEntries(fileIds.map((fileId) => [fileId, true])),
    parts: Object.fromEntries(fileIds.map((fileId) => [fileId, []])),
  };
}
