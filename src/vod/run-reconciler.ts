// `serve` runs the reconcile sweep every RECONCILE_INTERVAL (DESIGN §7), the first one an interval after start.
// A failed sweep (VOD or the database down) is logged and tried again at the next tick, never crashing the
// service. stop() cancels the wait, or lets a running sweep end after the upload in hand, and resolves when
// nothing runs any more (serve's close() awaits it before closing the pool).
import type { Logger } from "../logger.js";
import { reconcileSweep, type SweepDeps } from "./reconcile-sweep.js";

export interface Reconciler {
  stop(): Promise<void>;
}

export function runReconciler(
  deps: SweepDeps & { logger: Logger },
  options: { intervalMs: number; olderThanMs: number },
): Reconciler {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = () => {
    running = reconcileSweep(deps, { olderThanMs: options.olderThanMs, shouldStop: () => stopping })
      .then((report) => {
        // PENDING uploads without a FileId come back as unverifiable on every sweep: counted, not listed.
        const notable = report.items.filter((item) => item.outcome !== "unverifiable");
        if (!report.ran) deps.logger.debug("reconcile sweep skipped: another process is sweeping");
        else if (notable.length)
          deps.logger.info({ checked: report.checked, counts: report.counts, items: notable }, "reconcile sweep");
        else
          deps.logger.debug({ checked: report.checked, counts: report.counts }, "reconcile sweep: nothing to repair");
      })
      .catch((error: unknown) =>
        deps.logger.warn({ err: error }, "reconcile sweep failed; trying again at the next interval"),
      )
      .finally(() => {
        running = undefined;
        schedule();
      });
  };
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(tick, options.intervalMs);
    // The timer alone must not keep a process alive whose server has closed.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
