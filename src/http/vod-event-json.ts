// A stored event as the admin API shows it. `payload` is the body as received: the jsonb value, or the text kept
// when jsonb could not hold it (payloadText).
import type { VodEvent } from "../db/generated/client.js";

/** A summary (list pages) may come without its payload columns. */
export function vodEventJson(
  event: Omit<VodEvent, "payload" | "payloadText"> & Partial<Pick<VodEvent, "payload" | "payloadText">>,
  options: { withPayload: boolean },
) {
  return {
    id: String(event.id),
    eventType: event.eventType,
    format: event.format,
    channel: event.channel,
    fileId: event.fileId,
    procedureTaskId: event.procedureTaskId,
    outcome: event.outcome,
    error: event.error,
    receivedAt: event.receivedAt.toISOString(),
    /** On a row recording a replay: the event it replayed. */
    replayOf: event.replayOf === null ? null : String(event.replayOf),
    ...(options.withPayload ? { payload: event.payload ?? null, payloadText: event.payloadText ?? null } : {}),
  };
}
