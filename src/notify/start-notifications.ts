// What a process that delivers notifications does at start (`serve` with DELIVERY_WORKER, `vod-tracker deliver`):
// write the NOTIFY_URL endpoint, checked like one an admin saves (a refused URL stops the start, naming why), then
// run the delivery worker.
import type { Db } from "../db/db.js";
import { upsertConfigEndpoint } from "../db/notify-endpoint-store.js";
import type { Logger } from "../logger.js";
import { checkEndpointUrl } from "./check-endpoint-url.js";
import type { NotifyMetrics } from "./notify-metrics.js";
import type { NotifySettings } from "./notify-settings.js";
import { runDeliveryWorker, type DeliveryWorker } from "./run-delivery-worker.js";

export async function startNotifications(
  db: Db,
  logger: Logger,
  settings: NotifySettings,
  metrics?: NotifyMetrics,
): Promise<DeliveryWorker> {
  if (settings.configEndpoint) {
    const url = await checkEndpointUrl(settings.configEndpoint.url, { allowPrivate: settings.allowPrivate });
    await upsertConfigEndpoint(db, { url, secret: settings.configEndpoint.secret });
  }
  return runDeliveryWorker({
    db,
    logger,
    schedule: settings.schedule,
    timeoutMs: settings.timeoutMs,
    allowPrivate: settings.allowPrivate,
    ...(metrics ? { metrics } : {}),
  });
}
