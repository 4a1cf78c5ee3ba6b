// What the hot-path statement takes for one event (record-event.ts runs it, record-events-param.ts makes its
// parameter of it).
import type { UploadStatus } from "../uploads/upload-state.js";
import type { UploadPatch } from "../uploads/upload-patch.js";

/** What a stored VodEvent row says happened to it (`duplicate` is an answer, never a row). */
export const storedOutcomes = ["applied", "ignored", "invalid"] as const;

export interface EventRow {
  dedupeKey: string;
  eventType: string;
  format: string;
  channel: string;
  fileId: string | null;
  procedureTaskId: string | null;
  /** The body when jsonb cannot hold it (then the storable pass of record-events-param.ts applies), else null. */
  payloadText: string | null;
  outcome: (typeof storedOutcomes)[number];
  error: string | null;
}

export interface RecordEventInput {
  row: EventRow;
  receivedAt: Date;
  patch: UploadPatch | null;
  /** Ids for the rows this event may create, one per file of the patch. */
  newIds: string[];
  /** The body to store (as VodEvent.payloadText, exactly as received: record-events-param.ts) — valid JSON, as its
   *  text or its UTF-8 bytes — or null (then row.payloadText holds it). */
  payloadJson: string | Buffer | null;
  /** Set for an admin replay of a stored event: runs replayEventsSql (see there); receivedAt stays the original. */
  replayedAt?: Date;
  /** With replayedAt: the id of the stored event being replayed, kept on the row that records the replay. */
  replayOf?: bigint;
}

export interface RecordEventResult {
  /** null = a duplicate: nothing was written. */
  eventId: string | null;
  uploads: Array<{ fileId: string; status: UploadStatus }>;
  /** A failed PullComplete (no FileId): the upload it marked, found by pull TaskId (record-pull-event.ts). */
  pulled?: { id: string; fileId: string | null; status: UploadStatus };
}
