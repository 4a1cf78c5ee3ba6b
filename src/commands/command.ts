// A subcommand of vod-tracker: it receives its options already parsed and typed (src/commands/create-program.ts)
// and returns its exit code, or "running" for a long-lived command that exits on a signal.
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export type Outcome = number | "running";
export type Command<Options = Record<string, never>> = (
  config: Config,
  logger: Logger,
  options: Options,
) => Promise<Outcome>;
