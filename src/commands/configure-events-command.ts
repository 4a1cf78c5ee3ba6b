// `vod-tracker configure-events`: see `vod-tracker configure-events --help` (src/commands/create-program.ts).
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { describeEventConfig, eventConfigChangeSchema, modifyEventConfig } from "../vod/configure-events.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import type { Outcome } from "./command.js";
import { UsageError } from "./usage-error.js";

export interface ConfigureEventsOptions {
  show?: boolean;
  mode?: "PUSH" | "PULL";
  url?: string;
  uploadEvents?: "ON" | "OFF";
  deleteEvents?: "ON" | "OFF";
  signKey?: string;
}

const flagOf: Record<string, string> = { notificationUrl: "--url", signKey: "--sign-key" };

export async function configureEventsCommand(
  config: Config,
  _logger: Logger,
  options: ConfigureEventsOptions,
): Promise<Outcome> {
  // The choices were checked by commander; VOD's rules for the URL and the key are the schema's. Checked before
  // the credentials, so a wrong command line is told as such.
  const change = options.show
    ? null
    : eventConfigChangeSchema.safeParse({
        mode: options.mode,
        notificationUrl: options.url,
        uploadEvents: options.uploadEvents,
        deleteEvents: options.deleteEvents,
        signKey: options.signKey,
      });
  if (change && !change.success) {
    throw new UsageError(
      change.error.issues
        .map((issue) => `${flagOf[String(issue.path[0])] ?? issue.path.join(".")}: ${issue.message}`)
        .join("; "),
    );
  }
  const client = vodClientFromConfig(config);
  if (change) await modifyEventConfig(client, change.data, config.VOD_SUBAPP_ID);
  console.log(JSON.stringify(await describeEventConfig(client, config.VOD_SUBAPP_ID), null, 2));
  return 0;
}
