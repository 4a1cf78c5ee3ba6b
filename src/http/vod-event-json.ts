// A stored event as the admin API shows it. `payload` is the body as received: the jsonb value, or the text kept
// when jsonb could not hold it (payloadText).
import { z } from "zod";
import type { VodEvent } from "../db/rows.js";
import { storedOutcomes } from "../db/record-event.js";
import type { EventFormat } from "../events/vod-event.js";
import type { Channel } from "../ingest/ingest-event.js";

const formats = ["v3", "legacy"] as const satisfies readonly EventFormat[];
const channels = ["push", "pull", "replay", "reconcile"] as const satisfies readonly Channel[];

export const vodEventJsonSchema = z.object({
  id: z.string().regex(/^[0-9]+$/),
  eventType: z.string(),
  format: z.enum(formats),
  channel: z.enum(channels),
  fileId: z.string().nullable(),
  procedureTaskId: z.string().nullable(),
  outcome: z.enum(storedOutcomes),
  error: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  /** On a row recording a replay: the event it replayed. */
  replayOf: z
    .string()
    .regex(/^[0-9]+$/)
    .nullable(),
});

export const vodEventWithPayloadJsonSchema = vodEventJsonSchema.extend({
  payload: z.unknown().describe("the body, parsed; null when it is not JSON"),
  payloadText: z
    .string()
    .nullable()
    .describe(
      "the body exactly as received (every event stored since issue 14's change; before it, only a body jsonb could not hold)",
    ),
});

export type VodEventJson = z.input<typeof vodEventJsonSchema>;
type VodEventWithPayloadJson = z.input<typeof vodEventWithPayloadJsonSchema>;
type Summary = Omit<VodEvent, "payload" | "payloadText">;

/** A summary (list pages) may come without its payload columns. */
export function vodEventJson(event: Summary, options: { withPayload: false }): VodEventJson;
export function vodEventJson(event: VodEvent, options: { withPayload: true }): VodEventWithPayloadJson;
export function vodEventJson(
  event: Summary & Partial<Pick<VodEvent, "payload" | "payloadText">>,
  options: { withPayload: boolean },
): VodEventJson | VodEventWithPayloadJson {
  const summary: VodEventJson = {
    id: String(event.id),
    eventType: event.eventType,
    // The columns hold only what recordEvent writes; the admin tests parse real answers with the schema above.
    format: event.format as EventFormat,
    channel: event.channel as Channel,
    fileId: event.fileId,
    procedureTaskId: event.procedureTaskId,
    outcome: event.outcome as (typeof storedOutcomes)[number],
    error: event.error,
    receivedAt: event.receivedAt.toISOString(),
    replayOf: event.replayOf === null ? null : String(event.replayOf),
  };
  return options.withPayload
    ? { ...summary, payload: event.payload ?? parsed(event.payloadText), payloadText: event.payloadText ?? null }
    : summary;
}

/** A body kept as text, parsed for the answer; null when it is not JSON (an invalid body is stored too). */
function parsed(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
