#!/usr/bin/env node
// vod-tracker: one binary, subcommands (DESIGN §2), one file each in src/commands/, the grammar and help in
// src/commands/create-program.ts. Configuration comes from the environment (src/config.ts); options only say what
// to do. The configuration is read, and a command's modules loaded, only once commander has parsed a command
// line that runs something: `--help`, `--version` and usage errors touch nothing.
import { CommanderError } from "commander";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { isAppError } from "./errors.js";
import { createLogger, type Logger } from "./logger.js";
import { createProgram, type RunCommand } from "./commands/create-program.js";
import { describeStartupFailure } from "./commands/describe-startup-failure.js";
import { exitCodes } from "./commands/exit-codes.js";
import { UsageError } from "./commands/usage-error.js";

const run: RunCommand = async (name, load, options) => {
  let config: Config | null = null;
  let logger: Logger | null = null;
  try {
    config = loadConfig();
    logger = createLogger({
      level: config.LOG_LEVEL,
      pretty: config.NODE_ENV === "development" && process.stdout.isTTY,
    });
    const command = await load();
    const outcome = await command(config, logger, options);
    if (outcome !== "running") process.exit(outcome);
  } catch (error) {
    process.exit(report(name, error, config, logger));
  }
};

/** Tells a failure in one line when it is expected (bad configuration or flags, VOD refused, a port in use, the
 * database unreachable); anything else gets the full log entry with its stack. Returns the exit code. */
function report(name: string, error: unknown, config: Config | null, logger: Logger | null): number {
  if (error instanceof ConfigError) {
    console.error(error.message);
    return exitCodes.failed;
  }
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    return exitCodes.usage;
  }
  if (isAppError(error)) {
    console.error(`${name} failed: ${error.message}`);
    return exitCodes.failed;
  }
  const cause = config && describeStartupFailure(name, error, config);
  if (cause) console.error(`${name} failed: ${cause}.`);
  else if (logger) logger.fatal({ err: error }, `${name} failed: ${(error as Error).message}`);
  else console.error(error);
  return exitCodes.failed;
}

export async function main(argv: string[]): Promise<void> {
  // `npm start` (dist/main.js) runs the binary without arguments: that is `serve`.
  const args = argv.length ? argv : ["serve"];
  try {
    await createProgram(run).parseAsync(args, { from: "user" });
  } catch (error) {
    // exitOverride: commander has printed its help, version or one-line error; only the exit code is ours.
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? exitCodes.ok : exitCodes.usage);
    throw error;
  }
}

await main(process.argv.slice(2));
