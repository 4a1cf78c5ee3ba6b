// Runs the hot-path statement (record-event-sql.ts) for one event. Everything travels as one jsonb parameter; the
// payload is spliced in as received (valid JSON text, already parsed once by the caller).
import type { Prisma } from "../db/create-prisma.js";
import type { UploadPatch } from "../uploads/upload-patch.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { recordEventSql } from "./record-event-sql.js";

export interface EventRow {
  dedupeKey: string;
  eventType: string;
  format: string;
  channel: string;
  fileId: string | null;
  procedureTaskId: string | null;
  /** The body when jsonb cannot hold it, else null. */
  payloadText: string | null;
  outcome: "applied" | "ignored" | "invalid";
  error: string | null;
}

export interface RecordEventInput {
  row: EventRow;
  receivedAt: Date;
  patch: UploadPatch | null;
  /** Ids for the rows this event may create, one per file of the patch. */
  newIds: string[];
  /** The JSON text to store as jsonb, or null (then row.payloadText holds the body). */
  payloadJson: string | null;
}

export interface RecordEventResult {
  /** null = a duplicate: nothing was written. */
  eventId: string | null;
  uploads: Array<{ fileId: string; status: UploadStatus }>;
}

export async function recordEvent(prisma: Prisma, input: RecordEventInput): Promise<RecordEventResult> {
  const files = (input.patch?.files ?? []).map((file, index) => ({ ...file, id: input.newIds[index] }));
  const head = JSON.stringify({ event: input.row, receivedAt: input.receivedAt.toISOString(), patch: input.patch, files }, storable);
  const param = `${head.slice(0, -1)},"payload":${input.payloadJson ?? "null"}}`;
  const rows = await prisma.$queryRawUnsafe<Array<{ eventId: bigint | null; uploads: RecordEventResult["uploads"] }>>(recordEventSql, param);
  const first = rows[0];
  return { eventId: first?.eventId == null ? null : String(first.eventId), uploads: first?.uploads ?? [] };
}

// jsonb (and text columns) refuse NUL and lone surrogates: such characters in extracted fields become U+FFFD.
// The raw body keeps them (payloadText), so nothing is lost.
function storable(_key: string, value: unknown): unknown {
  return typeof value === "string" ? value.toWellFormed().replace(/\u0000/g, "\uFFFD") : value;
}
