// The backlog-age metric (issue 16 §3): every few seconds, how old the oldest message still to deliver is. A failed
// read leaves the last value: the gauge is a view, never a reason to stop delivering.
import type { Db } from "../db/db.js";
import { oldestPendingAgeSeconds } from "../db/notify-message-store.js";
import type { NotifyMetrics } from "./notify-metrics.js";

const INTERVAL_MS = 5000;

/** Returns the stop. */
export function startBacklogGauge(db: Db, metrics: NotifyMetrics): () => void {
  const timer = setInterval(() => {
    oldestPendingAgeSeconds(db)
      .then((age) => metrics.setBacklogAge(age))
      .catch(() => undefined);
  }, INTERVAL_MS).unref();
  return () => clearInterval(timer);
}
