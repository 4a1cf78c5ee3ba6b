// `vod-tracker emulator`: see `vod-tracker emulator --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import { EMULATOR_DEMO_CREDENTIALS } from "../emulator/demo-credentials.js";
import { startEmulator } from "../emulator/start-emulator.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";
import { untilSignal } from "./until-signal.js";

export interface EmulatorOptions {
  port: number;
  cosPort?: number;
  procedureDelayMs?: number;
  legacy?: boolean;
}

export async function emulatorCommand(config: Config, logger: Logger, options: EmulatorOptions): Promise<Outcome> {
  const credentials =
    config.TENCENTCLOUD_SECRET_ID && config.TENCENTCLOUD_SECRET_KEY
      ? { secretId: config.TENCENTCLOUD_SECRET_ID, secretKey: config.TENCENTCLOUD_SECRET_KEY }
      : EMULATOR_DEMO_CREDENTIALS;
  const emulator = await startEmulator({
    ...credentials,
    port: options.port,
    ...(options.cosPort !== undefined ? { cosPort: options.cosPort } : {}),
    ...(options.procedureDelayMs !== undefined ? { procedureDelayMs: options.procedureDelayMs } : {}),
    ...(options.legacy ? { eventFormat: "legacy" as const } : {}),
    log: (line) => logger.info(line),
  });
  logger.info({ api: emulator.url, cos: emulator.cosUrl, secretId: credentials.secretId }, "VOD emulator listening");
  if (credentials === EMULATOR_DEMO_CREDENTIALS) {
    logger.info(
      `demo credentials: TENCENTCLOUD_SECRET_ID=${credentials.secretId} TENCENTCLOUD_SECRET_KEY=${credentials.secretKey} VOD_ENDPOINT=${emulator.url} COS_ENDPOINT=${emulator.cosUrl}`,
    );
  }
  return untilSignal(logger, () => emulator.close());
}
