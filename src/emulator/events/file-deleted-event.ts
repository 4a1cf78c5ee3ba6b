// FileDeleted in both formats. v3: vod-reference §1.8 / §9.4 (a whole-media delete lists no DeleteParts; a partial
// one lists what went). Legacy: §2.4, which only names the file.
import type { VodEventDraft } from "./event-dispatcher.js";

export function fileDeletedEvent(
  subAppId: number,
  fileId: string,
  deleteParts: Array<{ Type: string; Definition: number }>,
): VodEventDraft {
  return {
    subAppId,
    eventType: "FileDeleted",
    v3: {
      EventType: "FileDeleted",
      FileDeleteEvent: {
        FileIdSet: [fileId],
        FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: deleteParts }],
      },
    },
    legacy: {
      version: "4.0",
      eventType: "FileDeleted",
      data: { status: 0, message: "", fileInfo: [{ fileId }] },
    },
  };
}
