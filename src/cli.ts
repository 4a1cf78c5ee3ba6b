#!/usr/bin/env node
// vod-tracker: one binary, subcommands. `serve` (default) runs the service; `migrate` applies pending migrations.
import { ConfigError, loadConfig, type Config } from "./config.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { serve } from "./http/serve.js";
import { createLogger, type Logger } from "./logger.js";

const usage = `usage: vod-tracker <command>

commands:
  serve      run the service (default): callbacks, app API, migrations on start
  migrate    apply pending database migrations and exit
  help       this text

Configuration comes from environment variables: see .env.example.`;

type Command = (config: Config, logger: Logger, args: string[]) => Promise<number | "running">;

const commands: Record<string, Command> = {
  async serve(config, logger) {
    const server = await serve(config, logger);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down");
      server.close().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    return "running";
  },
  async migrate(config, logger) {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, logger });
    try {
      const result = await migrate({ url: database.url });
      logger.info({ applied: result.applied, modified: result.modified }, result.applied.length ? "migrations applied" : "database is up to date");
      return 0;
    } finally {
      await database.close();
    }
  },
};

export async function main(argv: string[]): Promise<void> {
  const [name = "serve", ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    console.log(usage);
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command: ${name}\n\n${usage}`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.NODE_ENV === "development" && process.stdout.isTTY });
  try {
    const code = await command(config, logger, args);
    if (code !== "running") process.exit(code);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    logger.fatal({ err: error }, `${name} failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

await main(process.argv.slice(2));
