// The body of a message the hot-path statement wrote (issue 16 §2): `{type, timestamp, data}`, data = the Upload JSON
// of the status API (uploadStatusJson) of the row as the change left it (the statement's snapshot, `to_jsonb` of the
// new row) with its outputs and tasks as stored when the body is first rendered (read by the claim that takes it),
// plus previousStatus and sequence. Rendered by the claim that finds no body, and stored with that attempt's
// outcome (claim-messages.ts), so every later attempt signs the same bytes. The JSON builders are pure
// (src/uploads/upload-status-json.ts), shared with the status routes.
import type { MessageToRender } from "../db/claim-messages.js";
import { uploadStatusJson } from "../uploads/upload-status-json.js";
import { uploadColumns, type UploadColumn } from "../uploads/upload-columns.js";
import type { UploadRow } from "../uploads/upload-row.js";

/** The Upload row of a snapshot: jsonb wrote times as text and int8 as numbers. */
export function uploadRowOfSnapshot(snapshot: Record<string, unknown>): UploadRow {
  const row: Record<string, unknown> = {};
  for (const name of Object.keys(uploadColumns) as UploadColumn[]) {
    const value = snapshot[name] ?? null;
    const { kind } = uploadColumns[name];
    row[name] =
      value === null
        ? null
        : kind === "timestamptz"
          ? new Date(value as string)
          : kind === "bigint"
            ? BigInt(value as number | string)
            : value;
  }
  return row as UploadRow;
}

export function renderMessageBody(message: MessageToRender): string {
  return batchRenderer()(message);
}

/**
 * A renderer for one claim's batch. The messages of one change (one per event type it caused: upload.uploaded and
 * upload.playable, …) have the same snapshot, and the same outputs and tasks, read by the same statement: their
 * data is built and written once, and each body differs from the others by its type. The text is what
 * JSON.stringify({type, timestamp, data}) writes, byte for byte (test/unit/render-message-body.test.ts).
 */
export function batchRenderer(): (message: MessageToRender) => string {
  const written = new Map<string, string>();
  return (message) => {
    if (!message.snapshot || typeof message.snapshot !== "object") {
      throw new Error(`message ${message.id} has neither a body nor a snapshot`);
    }
    const snapshot = message.snapshot as Record<string, unknown>;
    const change = `${String(snapshot.id)}:${String(snapshot.notifySequence)}`;
    let data = written.get(change);
    if (data === undefined) {
      const upload = uploadRowOfSnapshot(snapshot);
      data = JSON.stringify({
        ...uploadStatusJson(upload, message.extras),
        previousStatus: upload.notifyPrevStatus,
        sequence: Number(upload.notifySequence),
      });
      written.set(change, data);
    }
    return `{"type":${JSON.stringify(message.eventType)},"timestamp":"${message.createdAt.toISOString()}","data":${data}}`;
  };
}
