// `vod-tracker pull`: see `vod-tracker pull --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import type { Logger } from "../logger.js";
import { createMetrics } from "../metrics.js";
import { runPullWorker } from "../vod/run-pull-worker.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import type { Outcome } from "./command.js";
import { serveMetrics } from "./serve-metrics.js";
import { untilSignal } from "./until-signal.js";

export async function pullCommand(config: Config, logger: Logger): Promise<Outcome> {
  const client = vodClientFromConfig(config);
  const database = await openDatabase(databaseOptions(config, logger, "service"));
  if (config.MIGRATE_ON_START) await migrate({ url: database.url });
  const metrics = createMetrics();
  metrics.watchPool(database.pool);
  const metricsServer =
    config.METRICS_PORT === undefined ? null : await serveMetrics(metrics, config.HOST, config.METRICS_PORT);
  const worker = runPullWorker({ db: database, client, logger, subAppId: config.VOD_SUBAPP_ID, metrics });
  logger.info(
    { endpoint: config.VOD_ENDPOINT ?? "vod.tencentcloudapi.com", metricsPort: config.METRICS_PORT ?? null },
    "pulling events",
  );
  return untilSignal(logger, async () => {
    worker.stop();
    await worker.done;
    metricsServer?.close();
    await database.close();
  });
}
