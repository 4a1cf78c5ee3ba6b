// Admin lookups (DESIGN §6, ADMIN_TOKENS): an upload's event timeline and one event's raw payload. The event list,
// replay and stats live in admin-event-routes.ts and admin-stats-routes.ts, mounted here behind the same check.
import { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import { listEventReplays } from "../../db/list-event-replays.js";
import { findUpload } from "../../db/find-upload.js";
import { getVodEvent } from "../../db/get-vod-event.js";
import { listUploadEvents } from "../../db/list-upload-events.js";
import { requireBearer, type Tokens } from "../require-bearer.js";
import { validateParams, validateQuery } from "../validate.js";
import { vodEventJson } from "../vod-event-json.js";
import { adminEventRoutes, eventIdParamsSchema } from "./admin-event-routes.js";
import { adminStatsRoutes } from "./admin-stats-routes.js";
import { uploadJson } from "../upload-json.js";
import { uploadRefParamsSchema } from "./upload-routes.js";

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^[0-9]{1,18}$/).optional(),
});

export function adminRoutes(deps: { db: Db; tokens: Tokens }): Router {
  const router = Router();
  router.use("/admin", requireBearer(deps.tokens, "admin"));

  router.get("/admin/uploads/:ref/events", async (req, res) => {
    const { ref } = validateParams(uploadRefParamsSchema, req);
    const { limit, cursor } = validateQuery(timelineQuerySchema, req);
    const upload = await findUpload(deps.db, ref);
    const fileId = upload?.fileId ?? (ref.startsWith("upl_") ? null : ref);
    if (!fileId) throw new AppError("not_found", `no upload with id or FileId ${ref}`);
    const events = await listUploadEvents(deps.db, fileId, { limit, afterId: cursor ? BigInt(cursor) : undefined });
    if (!upload && events.length === 0) throw new AppError("not_found", `no upload or event for ${ref}`);
    res.json({
      upload: upload ? uploadJson(upload) : null,
      events: events.map((event) => vodEventJson(event, { withPayload: false })),
      nextCursor: events.length === limit ? String(events.at(-1)?.id) : null,
    });
  });

  router.get("/admin/events/:id", async (req, res) => {
    const { id } = validateParams(eventIdParamsSchema, req);
    const event = await getVodEvent(deps.db, BigInt(id));
    // Replays that changed something are recorded as rows of their own: an event stored `invalid` and replayed after
    // a parser fix shows here what the replay did, while its own outcome stays the history of its arrival.
    const replays = await listEventReplays(deps.db, event.id);
    res.json({
      ...vodEventJson(event, { withPayload: true }),
      replays: replays.map((replay) => ({ id: String(replay.id), outcome: replay.outcome, receivedAt: replay.receivedAt.toISOString() })),
    });
  });

  router.use(adminEventRoutes(deps));
  router.use(adminStatsRoutes(deps));

  return router;
}
