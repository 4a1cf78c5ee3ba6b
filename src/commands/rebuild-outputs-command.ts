// `vod-tracker rebuild-outputs`: see `vod-tracker rebuild-outputs --help` (src/commands/create-program.ts). The
// backfill of migration 20261206070000_outputs_and_tasks: each stored event goes through the hot path's own steps
// (prepareEvent: parse → normalise → toUploadPatch) and rebuildOutputs writes what its patch reports.
import type { Config } from "../config.js";
import { databaseOptions } from "../db/database-options.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/open-database.js";
import { rebuildOutputs, type StoredEvent } from "../db/rebuild-outputs.js";
import { prepareEvent } from "../ingest/ingest-event.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export interface RebuildOutputsOptions {
  batch: number;
  sinceId?: number;
}

/** The patch the hot path made of a stored event. Channel `push`: only a replay's channel changes what is derived
 *  (its dedupe key), and replays are not read. */
export const storedEventPatch = (event: StoredEvent) =>
  prepareEvent({ raw: event.raw, channel: "push", receivedAt: event.receivedAt }).patch;

export async function rebuildOutputsCommand(
  config: Config,
  logger: Logger,
  options: RebuildOutputsOptions,
): Promise<Outcome> {
  const database = await openDatabase(databaseOptions(config, logger, { poolSize: 1 }));
  try {
    if (config.MIGRATE_ON_START) await migrate({ url: database.url });
    const sinceId = BigInt(options.sinceId ?? 0);
    console.error(`rebuilding outputs and tasks from stored events after id ${sinceId}, ${options.batch} at a time`);
    const totals = await rebuildOutputs(database, {
      batchSize: options.batch,
      sinceId,
      derive: storedEventPatch,
      onBatch: (batch) =>
        console.error(
          `events ${batch.firstId}..${batch.lastId}: ${batch.outputs} outputs, ${batch.tasks} tasks, ${batch.deleted} removed, ${batch.links} links, ${batch.filled} uploads filled`,
        ),
    });
    console.log(
      `Rebuilt from ${totals.events} events (up to id ${totals.lastId}): ${totals.outputs} outputs and ${totals.tasks} tasks written, ` +
        `${totals.deleted} outputs removed by partial deletes, ${totals.links} links, ${totals.filled} uploads given session fields; ` +
        `${totals.unreadable} events could not be read again.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
