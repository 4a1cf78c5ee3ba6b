// The one internal shape every VOD event format is normalised to (DESIGN §2). Pure data: no I/O, no Prisma types.
// Empty strings that VOD sends for "none" ("ProcedureTaskId": "") are normalised to null.
import type { VodReview } from "./review/vod-review.js";
import type { VodOutput, VodTask } from "./vod-output.js";

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
  /** SessionContext / SessionId as VOD echoes them (ApplyUpload's, a pull's or a task flow's). */
  sessionContext: string | null;
  sessionId: string | null;
  /** size, duration, width, height, bitrate, container, … as sent; merged into Upload.metadata. */
  metadata: Record<string, unknown>;
}

/** What any event may add beside its kind's fields (issue 14). Absent = none. */
export interface EventExtras {
  /** What the event says the task flow produced for its file. */
  outputs?: VodOutput[];
  /** The task the event reports on, for its file. */
  task?: VodTask | null;
  /** Every FileId the event names besides its own, at any depth (FileIds given as JSON numbers as digits). */
  linkedFileIds?: string[];
  /** The moderation verdict the event reports for its file, or a review it says was started (pending); issue 15. */
  review?: VodReview | null;
}

export interface UploadEvent extends MediaFields, EventExtras {
  kind: "upload";
  eventType: string;
  format: EventFormat;
  fileId: string;
  procedureTaskId: string | null;
  /** When VOD says the file was created (MediaBasicInfo.CreateTime), else null. */
  occurredAt: Date | null;
  /** For an edit or compose output: the FileIds it was made from. */
  derivedFrom?: string[];
  /** PullComplete: VOD's pull TaskId as sent (the 2017 format's lacks the AppId prefix: compare from "Pull-"). */
  pullTaskId?: string | null;
}

export interface ProcedureEvent extends EventExtras {
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

export interface DeleteEvent extends EventExtras {
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

export interface OtherEvent extends EventExtras {
  kind: "other";
  eventType: string;
  format: EventFormat;
  /** Best-effort FileId for the event timeline, else null. */
  fileId: string | null;
}

/** A review's verdict on a file (ReviewAudioVideoComplete): beside the upload's status, never changing it. */
export interface ReviewEvent extends EventExtras {
  kind: "review";
  eventType: string;
  format: EventFormat;
  fileId: string;
  review: VodReview;
}

/** A PullComplete that made no file (a non-zero ErrCode): it names its upload by pull TaskId only. */
export interface PullFailedEvent extends EventExtras {
  kind: "pullFailed";
  eventType: string;
  format: EventFormat;
  fileId: null;
  pullTaskId: string;
  /** 40000 bad parameters and 60000 bad source file are final; 70000 internal error is retryable. */
  errCode: number;
  message: string | null;
}

export type VodEvent = UploadEvent | ProcedureEvent | DeleteEvent | OtherEvent | ReviewEvent | PullFailedEvent;
