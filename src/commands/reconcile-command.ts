// `vod-tracker reconcile`: see the usage text in src/cli.ts.
import { parseArgs } from "node:util";
import { ConfigError, durationSchema, type Config } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import type { Logger } from "../logger.js";
import { formatSweepReport } from "../vod/format-sweep-report.js";
import { reconcileSweep, LOOKBACK_MS } from "../vod/reconcile-sweep.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import type { Outcome } from "./command.js";

export async function reconcileCommand(config: Config, logger: Logger, args: string[]): Promise<Outcome> {
  const { values } = parseArgs({ args, options: { "older-than": { type: "string" }, lookback: { type: "string" } } });
  const duration = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const parsed = durationSchema.safeParse(value);
    if (!parsed.success) throw new ConfigError([`--${name}: must be a duration such as 30s, 15m, 2h or 1d`]);
    return parsed.data;
  };
  const olderThanMs = duration("older-than", values["older-than"], config.RECONCILE_AFTER);
  const lookbackMs = duration("lookback", values.lookback, LOOKBACK_MS);
  const vod = vodClientFromConfig(config);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, logger });
  try {
    if (config.MIGRATE_ON_START) await migrate({ url: database.url });
    const report = await reconcileSweep(
      { prisma: database.prisma, databaseUrl: database.url, vod, defaultSubAppId: config.VOD_SUBAPP_ID },
      { olderThanMs, lookbackMs },
    );
    console.log(formatSweepReport(report));
    return report.counts.failed ? 1 : 0;
  } finally {
    await database.close();
  }
}
