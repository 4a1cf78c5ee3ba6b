import path from "node:path";
import { ConfigError, type Config } from "../config.js";
import { readDevTokens } from "../read-dev-tokens.js";

/** The app token `upload --wait` presents: API_TOKENS, else the development token kept in DATA_DIR. */
export function apiTokenFor(config: Config): string {
  const configured = config.API_TOKENS[0];
  if (configured) return configured;
  const stored = readDevTokens(path.join(config.DATA_DIR, "dev-tokens.json"));
  if (!stored) throw new ConfigError(["API_TOKENS: --wait needs an app token of the service"]);
  return stored.apiToken;
}
