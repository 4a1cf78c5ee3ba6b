// `vod-tracker deliver`: see `vod-tracker deliver --help` (src/commands/create-program.ts). A delivery worker on its
// own, beside any number of others (each message is claimed by one at a time).
import type { Config } from "../config.js";
import { databaseOptions } from "../db/database-options.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import type { Logger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import { createNotifyMetrics } from "../notify/notify-metrics.js";
import { notifySettings } from "../notify/notify-settings.js";
import { startNotifications } from "../notify/start-notifications.js";
import type { Outcome } from "./command.js";
import { serveMetrics } from "./serve-metrics.js";
import { untilSignal } from "./until-signal.js";

export async function deliverCommand(config: Config, logger: Logger): Promise<Outcome> {
  const database = await openDatabase(databaseOptions(config, logger, "service"));
  if (config.MIGRATE_ON_START) await migrate({ url: database.url });
  const metrics = createMetrics();
  metrics.watchPool(database.pool);
  const metricsServer =
    config.METRICS_PORT === undefined ? null : await serveMetrics(metrics, config.HOST, config.METRICS_PORT);
  const settings = notifySettings(config);
  const worker = await startNotifications(database, logger, settings, createNotifyMetrics(metrics.registry));
  logger.info(
    { timeoutMs: settings.timeoutMs, attempts: settings.schedule.length, allowPrivate: settings.allowPrivate },
    "delivering notifications",
  );
  return untilSignal(logger, async () => {
    worker.stop();
    await worker.done;
    metricsServer?.close();
    await database.close();
  });
}
