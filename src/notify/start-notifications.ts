// What a process that delivers notifications does at start (`serve` with DELIVERY_WORKER, `vod-tracker deliver`):
// write the NOTIFY_URL endpoint, checked like one an admin saves (a refused URL stops the start, naming why), then
// run the delivery worker, woken as soon as messages are committed: by this process's hot path directly
// (messages-written.ts) and, on PostgreSQL, by other processes' through LISTEN (listen-for-messages.ts). The worker's
// poll stays as the fallback.
import type { Db } from "../db/db.js";
import { listenForMessages } from "../db/listen-for-messages.js";
import { onMessagesWritten } from "../db/messages-written.js";
import { upsertConfigEndpoint } from "../db/notify-endpoint-store.js";
import type { Logger } from "../logger.js";
import { checkEndpointUrl } from "./check-endpoint-url.js";
import type { NotifyMetrics } from "./notify-metrics.js";
import type { NotifySettings } from "./notify-settings.js";
import { runDeliveryWorker, type DeliveryWorker } from "./run-delivery-worker.js";

export async function startNotifications(
  db: Db & { mode?: "postgresql" | "embedded" },
  logger: Logger,
  settings: NotifySettings,
  metrics?: NotifyMetrics,
): Promise<DeliveryWorker> {
  if (settings.configEndpoint) {
    const url = await checkEndpointUrl(settings.configEndpoint.url, { allowPrivate: settings.allowPrivate });
    await upsertConfigEndpoint(db, { url, secret: settings.configEndpoint.secret });
  }
  const worker = runDeliveryWorker({
    db,
    logger,
    schedule: settings.schedule,
    timeoutMs: settings.timeoutMs,
    allowPrivate: settings.allowPrivate,
    ...(metrics ? { metrics } : {}),
  });
  const unsubscribe = onMessagesWritten(db, worker.wake);
  const unlisten =
    db.mode === "embedded"
      ? null
      : listenForMessages(db, worker.wake, (error) =>
          logger.warn({ err: error }, "LISTEN for notifications lost; polling until it is back"),
        );
  const done = worker.done.finally(async () => {
    unsubscribe();
    await unlisten?.();
  });
  return { ...worker, done };
}
