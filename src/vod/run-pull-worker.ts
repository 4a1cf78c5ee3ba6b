// `vod-tracker pull`: pullBatch in a loop until stopped. Survives the database or VOD being down: it backs off
// (1 s doubling to 30 s) and tries again, never crashing and never confirming what it did not store. A stop
// request (SIGTERM) lets the current batch finish — stored and confirmed — before the loop returns.
import type { Db } from "../db/db.js";
import type { Logger } from "../logger.js";
import { createGroupCommit } from "../ingest/group-commit.js";
import type { Metrics } from "../metrics.js";
import { pullBatch, type PullClient } from "./pull-batch.js";

const BACKOFF_START_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

export interface PullWorker {
  /** Resolves when the loop has stopped after stop() (the current batch finished). */
  done: Promise<void>;
  stop(): void;
  stats: { batches: number; pulled: number; confirmed: number; failures: number };
}

export function runPullWorker(deps: {
  db: Db;
  client: PullClient;
  logger: Logger;
  subAppId?: number;
  backoff?: { startMs: number; maxMs: number };
  metrics?: Metrics;
}): PullWorker {
  const backoff = deps.backoff ?? { startMs: BACKOFF_START_MS, maxMs: BACKOFF_MAX_MS };
  let stopping = false;
  let wake: (() => void) | null = null;
  const stats = { batches: 0, pulled: 0, confirmed: 0, failures: 0 };
  const writer = createGroupCommit(deps.db, { onGroup: deps.metrics?.observeGroup });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // A round whose events could not be stored failed as much as one whose PullEvents did: both back off.
  const round = async (): Promise<{ failed: false } | { failed: true; error: unknown }> => {
    try {
      const result = await pullBatch({ ...deps, writer, observe: deps.metrics?.observeIngest });
      deps.metrics?.pullBatch({
        pulled: result.pulled,
        confirmed: result.confirmed,
        failed: result.storeError !== null,
      });
      stats.batches += 1;
      stats.pulled += result.pulled;
      stats.confirmed += result.confirmed;
      if (result.pulled)
        deps.logger.info(
          { pulled: result.pulled, confirmed: result.confirmed, outcomes: result.outcomes },
          "pulled events",
        );
      if (result.confirmError)
        deps.logger.warn({ err: result.confirmError }, "ConfirmEvents failed; those events will be redelivered");
      return result.storeError ? { failed: true, error: result.storeError } : { failed: false };
    } catch (error) {
      return { failed: true, error };
    }
  };

  const loop = async () => {
    let delay = backoff.startMs;
    while (!stopping) {
      const outcome = await round();
      if (!outcome.failed) {
        delay = backoff.startMs;
        continue;
      }
      stats.failures += 1;
      deps.logger.warn({ err: outcome.error, retryInMs: delay }, "pull failed; backing off");
      await sleep(delay);
      delay = Math.min(delay * 2, backoff.maxMs);
    }
  };

  return {
    done: loop(),
    stop() {
      stopping = true;
      wake?.();
    },
    stats,
  };
}
