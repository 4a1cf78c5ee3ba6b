import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";

export /** Runs until SIGTERM/SIGINT, then awaits stop() and exits 0. */
function untilSignal(logger: Logger, stop: () => Promise<void>): Outcome {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  return "running";
}
