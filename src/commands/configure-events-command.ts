// `vod-tracker configure-events`: see the usage text in src/cli.ts.
import { parseArgs } from "node:util";
import { ConfigError, type Config } from "../config.js";
import type { Logger } from "../logger.js";
import { describeEventConfig, eventConfigChangeSchema, modifyEventConfig } from "../vod/configure-events.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import type { Outcome } from "./command.js";

export async function configureEventsCommand(config: Config, _logger: Logger, args: string[]): Promise<Outcome> {
  const { values } = parseArgs({
    args,
    options: {
      show: { type: "boolean" }, mode: { type: "string" }, url: { type: "string" },
      "upload-events": { type: "string" }, "delete-events": { type: "string" }, "sign-key": { type: "string" },
    },
  });
  const client = vodClientFromConfig(config);
  if (!values.show) {
    const parsed = eventConfigChangeSchema.safeParse({
      mode: values.mode?.toUpperCase(), notificationUrl: values.url,
      uploadEvents: values["upload-events"]?.toUpperCase(), deleteEvents: values["delete-events"]?.toUpperCase(),
      signKey: values["sign-key"],
    });
    if (!parsed.success) {
      const flag: Record<string, string> = { mode: "--mode", notificationUrl: "--url", uploadEvents: "--upload-events", deleteEvents: "--delete-events", signKey: "--sign-key" };
      throw new ConfigError(parsed.error.issues.map((issue) => `${flag[String(issue.path[0])] ?? issue.path.join(".")}: ${issue.message}`));
    }
    await modifyEventConfig(client, parsed.data, config.VOD_SUBAPP_ID);
  }
  console.log(JSON.stringify(await describeEventConfig(client, config.VOD_SUBAPP_ID), null, 2));
  return 0;
}
