// `vod-tracker prune`: see `vod-tracker prune --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import { pruneEvents } from "../db/prune-events.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export interface PruneOptions {
  /** Milliseconds, at least an hour (olderThanSchema). */
  olderThan: number;
}

export async function pruneCommand(config: Config, logger: Logger, options: PruneOptions): Promise<Outcome> {
  const before = new Date(Date.now() - options.olderThan);
  const database = await openDatabase(databaseOptions(config, logger, { poolSize: 1 }));
  try {
    console.error(`deleting events received before ${before.toISOString()}`);
    const { deleted } = await pruneEvents(database, {
      before,
      onBatch: (batch) => console.error(`deleted ${batch.deleted} events (${batch.total} so far)`),
    });
    console.log(`Deleted: ${deleted} events received before ${before.toISOString()}`);
    return 0;
  } finally {
    await database.close();
  }
}
