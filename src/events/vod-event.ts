// The one internal shape every VOD event format is normalised to (DESIGN §2). Pure data: no I/O, no Prisma types.
// Empty strings that VOD sends for "none" ("ProcedureTaskId": "") are normalised to null.

export type EventFormat = "v3" | "legacy";

/** Fields an upload learns from NewFileUpload (and partly from other events). null = not known from this event. */
export interface MediaFields {
  mediaUrl: string | null;
  coverUrl: string | null;
  name: string | null;
  mediaType: string | null;
  sourceType: string | null;
  sourceContext: string | null;
  storageRegion: string | null;
  subAppId: string | null;
  /** size, duration, width, height, bitrate, container, … as sent; merged into Upload.metadata. */
  metadata: Record<string, unknown>;
}

export interface UploadEvent extends MediaFields {
  kind: "upload";
  eventType: string;
  format: EventFormat;
  fileId: string;
  procedureTaskId: string | null;
  /** When VOD says the file was created (MediaBasicInfo.CreateTime), else null. */
  occurredAt: Date | null;
}

export interface ProcedureEvent {
  kind: "procedure";
  eventType: string;
  format: EventFormat;
  fileId: string;
  procedureTaskId: string | null;
  /** "PROCESSING" | "FINISH" as sent (other values kept verbatim). */
  procedureStatus: string;
  /** true only for a FINISH whose top-level ErrCode is non-zero or any subtask failed (DESIGN §3). */
  failed: boolean;
  errCode: number | null;
  message: string | null;
  /** Latest FinishTime among the subtasks, else null (the later task result wins by this time). */
  finishedAt: Date | null;
  /** Media fields a ProcedureStateChanged carries (FileUrl, FileName, MetaData); the rest null. */
  media: MediaFields;
  /** Subtask results kept in Upload.metadata.procedureResults: [{type, status, errCode, errCodeExt, message}]. */
  results: Array<{
    type: string;
    status: string | null;
    errCode: number | null;
    errCodeExt: string | null;
    message: string | null;
  }>;
}

export interface DeleteEvent {
  kind: "delete";
  eventType: string;
  format: EventFormat;
  /** Every FileId the event names (FileIdSet ∪ FileDeleteResultInfo[].FileId, or legacy data.fileInfo[].fileId). */
  fileIds: string[];
  /** Per FileId: true when the whole media is gone (DeleteParts empty/absent or naming OriginalFiles). */
  whole: Record<string, boolean>;
  /** Per FileId: the deleted parts as sent ([{type, definition}]), for a partial delete. */
  parts: Record<string, Array<{ type: string; definition: number | null }>>;
}

export interface OtherEvent {
  kind: "other";
  eventType: string;
  format: EventFormat;
  /** Best-effort FileId for the event timeline, else null. */
  fileId: string | null;
}

export type VodEvent = UploadEvent | ProcedureEvent | DeleteEvent | OtherEvent;
