import type { DeleteEvent } from "../vod-event.js";
import type { FileDeletedV3 } from "./file-deleted-v3-schema.js";

type DeletePart = DeleteEvent["parts"][string][number];

// DESIGN §3: a FileId is wholly deleted when its DeleteParts are empty or absent (DeleteMedia without DeleteParts),
// or name OriginalFiles; deleting only transcodes (vod-reference §1.8 example) leaves the media in place.
export function normaliseFileDeletedV3(body: FileDeletedV3): DeleteEvent {
  const event = body.FileDeleteEvent;
  // Maps, not object literals: a FileId is untrusted text and "__proto__" must stay a key.
  const parts = new Map<string, DeletePart[]>();
  for (const fileId of event.FileIdSet ?? []) parts.set(fileId, parts.get(fileId) ?? []);
  for (const result of event.FileDeleteResultInfo ?? []) {
    const listed = (result.DeleteParts ?? []).map((part) => ({ type: part.Type, definition: part.Definition }));
    parts.set(result.FileId, [...(parts.get(result.FileId) ?? []), ...listed]);
  }
  const isWhole = (listed: DeletePart[]): boolean =>
    listed.length === 0 || listed.some((part) => part.type === "OriginalFiles");
  return {
    kind: "delete",
    eventType: body.EventType,
    format: "v3",
    fileIds: [...parts.keys()],
    whole: Object.fromEntries([...parts].map(([fileId, listed]) => [fileId, isWhole(listed)])),
    parts: Object.fromEntries(parts),
  };
}
