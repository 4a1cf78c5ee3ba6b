// `vod-tracker serve`: see `vod-tracker serve --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { serve } from "../http/serve.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";
import { tuneGc } from "./tune-gc.js";
import { untilSignal } from "./until-signal.js";

export async function serveCommand(config: Config, logger: Logger): Promise<Outcome> {
  tuneGc();
  const server = await serve(config, logger);
  return untilSignal(logger, () => server.close());
}
