// A subcommand of vod-tracker: it returns its exit code, or "running" for a long-lived command that exits on a signal.
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export type Outcome = number | "running";
export type Command = (config: Config, logger: Logger, args: string[]) => Promise<Outcome>;
