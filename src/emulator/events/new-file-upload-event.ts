// NewFileUpload in both formats. v3: vod-reference §1.2-1.5 (no SessionContext in this event; SourceContext sits in
// MediaBasicInfo.SourceInfo; SourceType "Upload" for every upload). Legacy: §2.2 / §9.5, sourceType "ServerUpload"
// for ApplyUpload + CommitUpload, "ClientUpload" for the client upload (ApplyUploadUGC + CommitUploadUGC).
import type { MediaRecord } from "../emulator-state.js";
import type { VodEventDraft } from "./event-dispatcher.js";
import { mediaBasicInfo } from "./media-basic-info.js";
import { mediaMetaData } from "./media-meta-data.js";

export function newFileUploadEvent(media: MediaRecord): VodEventDraft {
  return {
    subAppId: media.subAppId,
    eventType: "NewFileUpload",
    v3: {
      EventType: "NewFileUpload",
      FileUploadEvent: {
        FileId: media.fileId,
        MediaBasicInfo: mediaBasicInfo(media),
        ProcedureTaskId: media.procedureTaskId,
        ReviewAudioVideoTaskId: media.reviewTaskId,
        MetaData: mediaMetaData(media),
      },
    },
    legacy: {
      version: "4.0",
      eventType: "NewFileUpload",
      data: {
        status: 0,
        message: "",
        fileId: media.fileId,
        fileName: media.name,
        coverUrl: media.coverUrl,
        fileUrl: media.mediaUrl,
        author: "",
        sourceType: media.clientUpload ? "ClientUpload" : "ServerUpload",
        sourceContext: media.sourceContext,
        streamId: "",
        procedureTaskId: media.procedureTaskId,
        transcodeTaskId: "",
      },
    },
  };
}
