// `vod-tracker migrate`: see `vod-tracker migrate --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export async function migrateCommand(config: Config, logger: Logger): Promise<Outcome> {
  const database = await openDatabase(databaseOptions(config, logger, { poolSize: 1 }));
  try {
    const result = await migrate({ url: database.url });
    logger.info(
      { applied: result.applied, modified: result.modified },
      result.applied.length ? "migrations applied" : "database is up to date",
    );
    return 0;
  } finally {
    await database.close();
  }
}
