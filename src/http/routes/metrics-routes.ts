// GET /metrics (no auth): Prometheus' text exposition of the app's registry (src/metrics.ts).
import { z } from "zod";
import type { Metrics } from "../../metrics.js";
import { defineRoute } from "../define-route.js";

export const metricsRoutes = [
  defineRoute({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    auth: "none",
    answer: { status: 200, description: "text exposition format", schema: z.string(), contentType: "text/plain" },
    handle: async ({ res }, deps: { metrics: Metrics }) => {
      // The registry's own type names the format's version, which a scraper reads.
      res.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  }),
];
