// GET /admin/stats (DESIGN §6, ADMIN_TOKENS): uploads by status, events by outcome over the last hour and day,
// time since the last event, and the pull worker's lag as seen in the stored events.
import { z } from "zod";
import type { Db } from "../../db/db.js";
import { getStats, type Stats } from "../../db/get-stats.js";
import { storedOutcomes } from "../../db/record-event.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { defineRoute } from "../define-route.js";

const count = z.number().int().min(0);
const seconds = z.number().int().min(0);

const statsSchema = z.object({
  at: z.iso.datetime(),
  uploads: z.object({ total: count, byStatus: z.record(z.enum(uploadStatuses), count) }),
  events: z.object({
    lastHour: z.record(z.enum(storedOutcomes), count),
    lastDay: z.record(z.enum(storedOutcomes), count),
  }),
  lastEventAt: z.iso.datetime().nullable(),
  secondsSinceLastEvent: seconds.nullable(),
  pull: z
    .object({ lastPulledAt: z.iso.datetime(), secondsSinceLastPull: seconds })
    .nullable()
    .describe("null: no event came through the pull worker in the last day (push mode, or the worker is down)"),
});

export const adminStatsRoutes = [
  defineRoute({
    method: "get",
    path: "/admin/stats",
    summary: "counts by status and outcome, time since the last event",
    auth: "admin",
    answer: { status: 200, description: "statistics", schema: statsSchema },
    errors: { 503: "database unavailable" },
    handle: async (_input, deps: { db: Db }) => statsJson(await getStats(deps.db)),
  }),
];

const secondsSince = (at: Date, then: Date) => Math.max(0, Math.floor((at.getTime() - then.getTime()) / 1000));

function statsJson(stats: Stats): z.input<typeof statsSchema> {
  return {
    at: stats.at.toISOString(),
    uploads: stats.uploads,
    events: stats.events,
    lastEventAt: stats.lastEventAt?.toISOString() ?? null,
    secondsSinceLastEvent: stats.lastEventAt ? secondsSince(stats.at, stats.lastEventAt) : null,
    pull: stats.lastPulledAt
      ? {
          lastPulledAt: stats.lastPulledAt.toISOString(),
          secondsSinceLastPull: secondsSince(stats.at, stats.lastPulledAt),
        }
      : null,
  };
}
