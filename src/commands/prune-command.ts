// `vod-tracker prune`: see `vod-tracker prune --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import { pruneEvents } from "../db/prune-events.js";
import { pruneMessages } from "../db/prune-messages.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export interface PruneOptions {
  /** Milliseconds, at least an hour (olderThanSchema). */
  olderThan: number;
  /** One of the two alone; both when absent. */
  only?: "events" | "messages";
}

export async function pruneCommand(config: Config, logger: Logger, options: PruneOptions): Promise<Outcome> {
  const before = new Date(Date.now() - options.olderThan);
  const cut = before.toISOString();
  const database = await openDatabase(databaseOptions(config, logger, { poolSize: 1 }));
  try {
    if (options.only !== "messages") {
      console.error(`deleting events received before ${cut}`);
      const { deleted } = await pruneEvents(database, {
        before,
        onBatch: (batch) => console.error(`deleted ${batch.deleted} events (${batch.total} so far)`),
      });
      console.log(`Deleted: ${deleted} events received before ${cut}`);
    }
    if (options.only !== "events") {
      console.error(`deleting notification messages created before ${cut} and delivered or failed`);
      const { messages, attempts } = await pruneMessages(database, {
        before,
        onBatch: (batch) =>
          console.error(`deleted ${batch.messages} messages and ${batch.attempts} attempts (${batch.total} so far)`),
      });
      console.log(`Deleted: ${messages} notification messages (and ${attempts} attempts) created before ${cut}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
