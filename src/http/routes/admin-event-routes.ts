// Admin operations on stored events (DESIGN §6): the event list with filters and keyset pagination, and replay of
// one event through the ingest path. Mounted by adminRoutes, behind its ADMIN_TOKENS check.
import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/db.js";
import { listVodEvents } from "../../db/list-vod-events.js";
import type { IngestResult } from "../../ingest/ingest-event.js";
import { storedOutcomes } from "../../db/record-event.js";
import { replayEvent } from "../../ingest/replay-event.js";
import { storableText } from "../../storable-text.js";
import { validateParams, validateQuery } from "../validate.js";
import { vodEventJson } from "../vod-event-json.js";

export const eventIdParamsSchema = z.object({ id: z.string().regex(/^[0-9]{1,18}$/, "must be a numeric event id") });

export const listEventsQuerySchema = z.object({
  outcome: z.enum(storedOutcomes).optional(),
  eventType: storableText(1, 100).optional(),
  fileId: storableText(1, 200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // The id of the last event of the previous page: ids only grow, so a page is stable while events arrive.
  cursor: z.string().regex(/^[0-9]{1,18}$/, "must be a nextCursor from an earlier page").optional(),
});

export function adminEventRoutes(deps: { db: Db }): Router {
  const router = Router();

  router.get("/admin/events", async (req, res) => {
    const { limit, cursor, ...filter } = validateQuery(listEventsQuerySchema, req);
    const page = await listVodEvents(deps.db, filter, { limit, beforeId: cursor ? BigInt(cursor) : undefined });
    res.json({
      items: page.items.map((event) => vodEventJson(event, { withPayload: false })),
      nextCursor: page.next === null ? null : String(page.next),
    });
  });

  router.post("/admin/events/:id/replay", async (req, res) => {
    const { id } = validateParams(eventIdParamsSchema, req);
    res.json({ replayOf: id, ...replayAnswer(await replayEvent({ db: deps.db }, BigInt(id))) });
  });

  return router;
}

/** eventId: the row recording this replay (channel `replay`), null when the replay changed nothing. */
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
