import fs from "node:fs";
import path from "node:path";
import { ConfigError, type Config } from "../config.js";

export /** The app token `upload --wait` presents: API_TOKENS, else the development token kept in DATA_DIR. */
function apiTokenFor(config: Config): string {
  const configured = config.API_TOKENS[0];
  if (configured) return configured;
  try {
    return JSON.parse(fs.readFileSync(path.join(config.DATA_DIR, "dev-tokens.json"), "utf8")).apiToken;
  } catch {
    throw new ConfigError(["API_TOKENS: --wait needs an app token of the service"]);
  }
}
