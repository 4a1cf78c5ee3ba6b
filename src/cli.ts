#!/usr/bin/env node
// vod-tracker: one binary, subcommands (DESIGN §2), one file each in src/commands/. Configuration comes from the
// environment (src/config.ts); flags only say what to do. A command's modules load only when it runs, so `serve`
// carries no upload, COS or emulator code.
import { ConfigError, loadConfig } from "./config.js";
import { isAppError } from "./errors.js";
import { createLogger } from "./logger.js";
import type { Command } from "./commands/command.js";

const usage = `usage: vod-tracker <command> [options]

commands:
  serve                         run the service (default): callbacks, app API; migrates on start
  migrate                       apply pending database migrations and exit
  pull                          reliable-callback worker: PullEvents → store → ConfirmEvents, until SIGTERM
  reconcile [--older-than 15m] [--lookback 3d]
                                one reconcile sweep: uploads stuck (PENDING, PROCESSING, UPLOADED with a task
                                flow) for longer than --older-than (default RECONCILE_AFTER) are checked against
                                VOD and repaired; prints what it repaired
  configure-events [options]    set VOD's event notification (ModifyEventConfig):
      --mode PUSH|PULL  --url <callback URL incl. ?token=>  --upload-events ON|OFF
      --delete-events ON|OFF  --sign-key <key>
  configure-events --show       print VOD's event notification settings (DescribeEventConfig)
  upload <file> [--procedure NAME] [--storage-region R] [--source-context TEXT] [--session-context TEXT]
         [--cover FILE] [--media-name NAME] [--concurrency 4] [--wait] [--wait-timeout 600]
                                ApplyUpload → COS (multipart above 5 MiB, resumable) → CommitUpload; prints
                                the FileId and URL; --wait follows the status through the service (TRACKER_URL)
  prune --older-than 90d        delete stored events received before the cut (at least 1h), in batches of
                                5,000; uploads are kept
  emulator [--port 9090] [--cos-port 9091] [--procedure-delay-ms 2000] [--legacy]
                                a local VOD for tests and demos (API, COS endpoint, event delivery)
  help                          this text

Configuration comes from environment variables: see .env.example.`;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./commands/serve-command.js")).serveCommand,
  migrate: async () => (await import("./commands/migrate-command.js")).migrateCommand,
  pull: async () => (await import("./commands/pull-command.js")).pullCommand,
  reconcile: async () => (await import("./commands/reconcile-command.js")).reconcileCommand,
  "configure-events": async () => (await import("./commands/configure-events-command.js")).configureEventsCommand,
  upload: async () => (await import("./commands/upload-command.js")).uploadCommand,
  prune: async () => (await import("./commands/prune-command.js")).pruneCommand,
  emulator: async () => (await import("./commands/emulator-command.js")).emulatorCommand,
};

export async function main(argv: string[]): Promise<void> {
  const [name = "serve", ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    console.log(usage);
    return;
  }
  const load = commands[name];
  if (!load) {
    console.error(`unknown command: ${name}\n\n${usage}`);
    process.exit(2);
  }
  try {
    const config = loadConfig();
    const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.NODE_ENV === "development" && process.stdout.isTTY });
    const command = await load();
    const outcome = await command(config, logger, args).catch((error: unknown) => {
      if (error instanceof ConfigError) throw error;
      // An expected failure (missing file, VOD refused, …) is told plainly; anything else gets the full log entry.
      if (isAppError(error)) console.error(`${name} failed: ${error.message}`);
      else logger.fatal({ err: error }, `${name} failed: ${(error as Error).message}`);
      return 1;
    });
    if (outcome !== "running") process.exit(outcome);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof ConfigError ? 1 : 2);
  }
}

await main(process.argv.slice(2));
