// `vod-tracker reconcile`: see `vod-tracker reconcile --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import type { Logger } from "../logger.js";
import { formatSweepReport } from "../vod/format-sweep-report.js";
import { reconcileSweep, LOOKBACK_MS } from "../vod/reconcile-sweep.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import type { Outcome } from "./command.js";
import { exitCodes } from "./exit-codes.js";

/** Durations in milliseconds. */
export interface ReconcileOptions {
  olderThan?: number;
  lookback?: number;
}

export async function reconcileCommand(config: Config, logger: Logger, options: ReconcileOptions): Promise<Outcome> {
  const vod = vodClientFromConfig(config);
  const database = await openDatabase(databaseOptions(config, logger, { poolSize: 2 }));
  try {
    if (config.MIGRATE_ON_START) await migrate({ url: database.url });
    const report = await reconcileSweep(
      { db: database, databaseUrl: database.url, vod, defaultSubAppId: config.VOD_SUBAPP_ID },
      { olderThanMs: options.olderThan ?? config.RECONCILE_AFTER, lookbackMs: options.lookback ?? LOOKBACK_MS },
    );
    console.log(formatSweepReport(report));
    return report.counts.failed ? exitCodes.failed : exitCodes.ok;
  } finally {
    await database.close();
  }
}
