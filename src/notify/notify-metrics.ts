// Delivery metrics (issue 16 §3): deliveries by outcome, delivery latency, and the age of the oldest message still
// to deliver. Registered on the process's registry (src/metrics.ts) by whoever runs a worker.
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export interface NotifyMetrics {
  observeAttempt: (facts: { outcome: string; seconds: number }) => void;
  setBacklogAge: (seconds: number) => void;
}

export function createNotifyMetrics(registry: Registry): NotifyMetrics {
  const attempts = new Counter({
    name: "vod_tracker_notify_attempts_total",
    help: "Notification delivery attempts, by outcome (delivered, retry, failed, disabled, refused)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "vod_tracker_notify_attempt_seconds",
    help: "Time from sending a notification to its answer (or to giving up)",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const backlogAge = new Gauge({
    name: "vod_tracker_notify_backlog_age_seconds",
    help: "Age of the oldest of the next 1,000 notifications due (0 when none): how far behind delivery is",
    registers: [registry],
  });
  return {
    observeAttempt: ({ outcome, seconds }) => {
      attempts.inc({ outcome });
      latency.observe(seconds);
    },
    setBacklogAge: (seconds) => backlogAge.set(seconds),
  };
}
