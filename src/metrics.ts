// Prometheus metrics (GET /metrics): events by channel, type and outcome; ingest latency; auth failures; database
// pool usage; pull-worker batches; plus prom-client's default process metrics. One registry per process (or per
// test app), passed in like every other dependency.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What the pool gauges read of a pg.Pool (only src/db imports pg). */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

// Properties, not methods: each is handed on alone as a callback (`observe: metrics.observeIngest`).
export interface Metrics {
  registry: Registry;
  observeIngest: (facts: { channel: string; eventType: string; outcome: string; seconds: number }) => void;
  authFailure: (facts: { route: string; code: string }) => void;
  pullBatch: (facts: { pulled: number; confirmed: number; failed: boolean }) => void;
  /** One group-commit statement: how many events it wrote and how long it held its connection. */
  observeGroup: (facts: { size: number; seconds: number }) => void;
  watchPool: (pool: PoolCounts) => void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const events = new Counter({
    name: "vod_tracker_events_total",
    help: "VOD events received, by channel, event type and outcome",
    labelNames: ["channel", "event_type", "outcome"],
    registers: [registry],
  });
  const ingestSeconds = new Histogram({
    name: "vod_tracker_ingest_seconds",
    help: "Time from a parsed body to its committed outcome",
    labelNames: ["channel"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const authFailures = new Counter({
    name: "vod_tracker_auth_failures_total",
    help: "Requests refused for a missing, wrong or expired credential",
    labelNames: ["route", "code"],
    registers: [registry],
  });
  const pullBatches = new Counter({
    name: "vod_tracker_pull_batches_total",
    help: "PullEvents rounds, by result",
    labelNames: ["result"],
    registers: [registry],
  });
  const pulledEvents = new Counter({
    name: "vod_tracker_pull_events_total",
    help: "Events pulled and confirmed",
    labelNames: ["stage"],
    registers: [registry],
  });
  // Group commit's statements (DESIGN §10): their sizes say how much load shares one commit; their time is what
  // each caller waits for after its turn came.
  const groupSizes = new Histogram({
    name: "vod_tracker_ingest_group_size",
    help: "Events written by one group-commit statement",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const groupSeconds = new Histogram({
    name: "vod_tracker_ingest_group_seconds",
    help: "Time one group-commit statement took, commit included",
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const pools: PoolCounts[] = [];
  new Gauge({
    name: "vod_tracker_db_pool_connections",
    help: "Database pool connections by state",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const sum = (pick: (pool: PoolCounts) => number) => pools.reduce((total, pool) => total + pick(pool), 0);
      this.set(
        { state: "total" },
        sum((pool) => pool.totalCount),
      );
      this.set(
        { state: "idle" },
        sum((pool) => pool.idleCount),
      );
      this.set(
        { state: "waiting" },
        sum((pool) => pool.waitingCount),
      );
    },
  });
  // Event types come from the sender; VOD adds new ones over time, but bound the label set all the same.
  const knownTypes = new Set<string>();
  const eventTypeLabel = (eventType: string) => {
    if (knownTypes.has(eventType) || (knownTypes.size < 100 && /^[A-Za-z0-9]{1,64}$/.test(eventType))) {
      knownTypes.add(eventType);
      return eventType;
    }
    return "other";
  };
  return {
    registry,
    observeIngest({ channel, eventType, outcome, seconds }) {
      events.inc({ channel, event_type: eventTypeLabel(eventType), outcome });
      ingestSeconds.observe({ channel }, seconds);
    },
    authFailure: ({ route, code }) => authFailures.inc({ route, code }),
    pullBatch({ pulled, confirmed, failed }) {
      pullBatches.inc({ result: failed ? "failed" : pulled ? "events" : "empty" });
      pulledEvents.inc({ stage: "pulled" }, pulled);
      pulledEvents.inc({ stage: "confirmed" }, confirmed);
    },
    observeGroup({ size, seconds }) {
      groupSizes.observe(size);
      groupSeconds.observe(seconds);
    },
    watchPool: (pool) => void pools.push(pool),
  };
}
