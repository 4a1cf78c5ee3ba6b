// Admin operations on stored events (DESIGN §6, ADMIN_TOKENS): the event list with filters and keyset pagination,
// and replay of one event through the ingest path.
import { z } from "zod";
import type { Db } from "../../db/db.js";
import { listVodEvents } from "../../db/list-vod-events.js";
import { storedOutcomes } from "../../db/record-event.js";
import type { IngestResult } from "../../ingest/ingest-event.js";
import { replayEvent } from "../../ingest/replay-event.js";
import { storableText } from "../../storable-text.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { defineRoute } from "../define-route.js";
import { vodEventJson, vodEventJsonSchema } from "../vod-event-json.js";

export const eventIdParamsSchema = z.object({ id: z.string().regex(/^[0-9]{1,18}$/, "must be a numeric event id") });

export const listEventsQuerySchema = z.object({
  outcome: z.enum(storedOutcomes).optional(),
  eventType: storableText(1, 100).optional(),
  fileId: storableText(1, 200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // The id of the last event of the previous page: ids only grow, so a page is stable while events arrive.
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/, "must be a nextCursor from an earlier page")
    .optional(),
});

const eventPageSchema = z.object({ items: z.array(vodEventJsonSchema), nextCursor: z.string().nullable() });

const status = z.enum(uploadStatuses);
const replayOf = z.string().describe("the replayed event's id");
/** eventId: the row recording this replay (channel `replay`), null when the replay changed nothing. */
const replayAnswerSchema = z.discriminatedUnion("outcome", [
  z.object({
    replayOf,
    outcome: z.literal("applied"),
    eventId: z.string(),
    fileId: z.string(),
    status,
    uploads: z.array(z.object({ fileId: z.string(), status })),
  }),
  z.object({ replayOf, outcome: z.literal("ignored"), eventId: z.string() }),
  z.object({ replayOf, outcome: z.literal("duplicate"), eventId: z.null() }),
  z.object({ replayOf, outcome: z.literal("invalid"), eventId: z.string().nullable(), errors: z.array(z.unknown()) }),
]);

export const adminEventRoutes = [
  defineRoute({
    method: "get",
    path: "/admin/events",
    summary: "stored events, newest first",
    auth: "admin",
    query: listEventsQuerySchema,
    answer: { status: 200, description: "a page of events", schema: eventPageSchema },
    errors: { 503: "database unavailable" },
    handle: async ({ query: { limit, cursor, ...filter } }, deps: { db: Db }) => {
      const page = await listVodEvents(deps.db, filter, { limit, beforeId: cursor ? BigInt(cursor) : undefined });
      return {
        items: page.items.map((event) => vodEventJson(event, { withPayload: false })),
        nextCursor: page.next === null ? null : String(page.next),
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/admin/events/:id/replay",
    summary: "replay a stored event through the ingest path",
    auth: "admin",
    params: eventIdParamsSchema,
    answer: { status: 200, description: "the outcome", schema: replayAnswerSchema },
    errors: { 404: "unknown", 503: "database unavailable" },
    handle: async ({ params: { id } }, deps: { db: Db }) => ({
      replayOf: id,
      ...replayAnswer(await replayEvent({ db: deps.db }, BigInt(id))),
    }),
  }),
];

function replayAnswer(result: IngestResult) {
  switch (result.outcome) {
    case "applied": {
      const { outcome, eventId, fileId, status, uploads } = result;
      return { outcome, eventId, fileId, status, uploads };
    }
    case "ignored":
      return { outcome: result.outcome, eventId: result.eventId };
    case "duplicate":
      return { outcome: result.outcome, eventId: null };
    case "invalid":
      return { outcome: result.outcome, eventId: result.eventId, errors: result.errors };
  }
}
