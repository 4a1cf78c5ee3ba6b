// The hot-path statement's one row (record-events-sql.ts's `answer`), as the callers read it. PostgreSQL sends the
// event ids and statuses as JSON arrays of [key, value] pairs, not objects: JSON.parse gives every object with keys
// it has never seen a new hidden class, and dedupe keys and FileIds are new in every group, so two objects of 32
// keys cost ~125 µs a statement against ~6 as arrays (issue 13; a profile showed it as pg's parseRow).
import type { UploadStatus } from "../uploads/upload-state.js";

/** The row as pg parses it (json columns). */
export interface AnswerRow {
  eventIds: Array<[dedupeKey: string, eventId: string]>;
  statuses: Array<[fileId: string, status: UploadStatus]>;
  /** Notification messages the statement wrote. */
  messages: number;
}

export interface StatementAnswer {
  /** Event ids by dedupe key: the group's events that were new. */
  eventIds: Map<string, string>;
  /** Statuses by FileId: the uploads the statement wrote. */
  statuses: Map<string, UploadStatus>;
  messages: number;
}

export function statementAnswer(row: AnswerRow | undefined): StatementAnswer {
  return {
    eventIds: new Map(row?.eventIds),
    statuses: new Map(row?.statuses),
    messages: row?.messages ?? 0,
  };
}
