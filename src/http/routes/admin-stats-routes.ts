// GET /admin/stats (DESIGN §6): uploads by status, events by outcome over the last hour and day, time since the
// last event, and the pull worker's lag as seen in the stored events. Mounted by adminRoutes, behind ADMIN_TOKENS.
import { Router } from "express";
import type { Db } from "../../db/db.js";
import { getStats, type Stats } from "../../db/get-stats.js";

export function adminStatsRoutes(deps: { db: Db }): Router {
  const router = Router();
  router.get("/admin/stats", async (_req, res) => {
    res.json(statsJson(await getStats(deps.db)));
  });
  return router;
}

const secondsSince = (at: Date, then: Date) => Math.max(0, Math.floor((at.getTime() - then.getTime()) / 1000));

function statsJson(stats: Stats) {
  return {
    at: stats.at.toISOString(),
    uploads: stats.uploads,
    events: stats.events,
    lastEventAt: stats.lastEventAt?.toISOString() ?? null,
    secondsSinceLastEvent: stats.lastEventAt ? secondsSince(stats.at, stats.lastEventAt) : null,
    // null: no event came through the pull worker in the last day (push mode, or the worker is down).
    pull: stats.lastPulledAt
      ? { lastPulledAt: stats.lastPulledAt.toISOString(), secondsSinceLastPull: secondsSince(stats.at, stats.lastPulledAt) }
      : null,
  };
}
