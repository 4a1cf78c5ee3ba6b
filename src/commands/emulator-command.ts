// `vod-tracker emulator`: see the usage text in src/cli.ts.
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { EMULATOR_DEMO_CREDENTIALS } from "../emulator/demo-credentials.js";
import { startEmulator } from "../emulator/start-emulator.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";
import { untilSignal } from "./until-signal.js";

export async function emulatorCommand(config: Config, logger: Logger, args: string[]): Promise<Outcome> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "9090" }, "cos-port": { type: "string" },
      "procedure-delay-ms": { type: "string" }, legacy: { type: "boolean" },
    },
  });
  const credentials = config.TENCENTCLOUD_SECRET_ID && config.TENCENTCLOUD_SECRET_KEY
    ? { secretId: config.TENCENTCLOUD_SECRET_ID, secretKey: config.TENCENTCLOUD_SECRET_KEY }
    : EMULATOR_DEMO_CREDENTIALS;
  const emulator = await startEmulator({
    ...credentials,
    port: Number(values.port),
    ...(values["cos-port"] ? { cosPort: Number(values["cos-port"]) } : {}),
    ...(values["procedure-delay-ms"] ? { procedureDelayMs: Number(values["procedure-delay-ms"]) } : {}),
    ...(values.legacy ? { eventFormat: "legacy" as const } : {}),
    log: (line) => logger.info(line),
  });
  logger.info({ api: emulator.url, cos: emulator.cosUrl, secretId: credentials.secretId }, "VOD emulator listening");
  if (credentials === EMULATOR_DEMO_CREDENTIALS) {
    logger.info(`demo credentials: TENCENTCLOUD_SECRET_ID=${credentials.secretId} TENCENTCLOUD_SECRET_KEY=${credentials.secretKey} VOD_ENDPOINT=${emulator.url} COS_ENDPOINT=${emulator.cosUrl}`);
  }
  return untilSignal(logger, () => emulator.close());
}
