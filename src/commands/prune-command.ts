// `vod-tracker prune`: see the usage text in src/cli.ts.
import { parseArgs } from "node:util";
import { ConfigError, type Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import { olderThanSchema, pruneEvents } from "../db/prune-events.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export async function pruneCommand(config: Config, logger: Logger, args: string[]): Promise<Outcome> {
  const { values } = parseArgs({ args, options: { "older-than": { type: "string" } } });
  if (!values["older-than"]) throw new ConfigError(["prune needs --older-than, e.g. vod-tracker prune --older-than 90d"]);
  const olderThan = olderThanSchema.safeParse(values["older-than"]);
  if (!olderThan.success) throw new ConfigError([`--older-than: ${olderThan.error.issues[0]?.message}`]);
  const before = new Date(Date.now() - olderThan.data);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, logger });
  try {
    console.error(`deleting events received before ${before.toISOString()}`);
    const { deleted } = await pruneEvents(database.prisma, {
      before,
      onBatch: (batch) => console.error(`deleted ${batch.deleted} events (${batch.total} so far)`),
    });
    console.log(`Deleted: ${deleted} events received before ${before.toISOString()}`);
    return 0;
  } finally {
    await database.close();
  }
}
