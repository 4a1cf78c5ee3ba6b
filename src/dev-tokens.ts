// Security defaults (DESIGN §9). Production refuses to start without callback auth and API tokens. In development,
// missing tokens are generated on first start, kept in DATA_DIR/dev-tokens.json (mode 0600) so they survive
// restarts, and printed once with a ready-to-run example.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, type Config } from "./config.js";
import { readDevTokens } from "./read-dev-tokens.js";

export interface EffectiveTokens {
  callbackTokens: string[];
  signKeys: string[];
  apiTokens: string[];
  adminTokens: string[];
  /** What to tell the developer about generated tokens (the tokens themselves only the first time). */
  announcement: string | null;
}

export function resolveTokens(config: Config): EffectiveTokens {
  const configured = {
    callbackTokens: [...config.CALLBACK_TOKEN],
    signKeys: [...config.VOD_SIGN_KEY],
    apiTokens: [...config.API_TOKENS],
    adminTokens: [...config.ADMIN_TOKENS],
  };
  const needsCallback = configured.callbackTokens.length === 0 && configured.signKeys.length === 0;
  if (config.NODE_ENV === "production") {
    const missing = [
      ...(needsCallback ? ["CALLBACK_TOKEN or VOD_SIGN_KEY: callbacks must be authenticated in production"] : []),
      ...(configured.apiTokens.length === 0 ? ["API_TOKENS: the app API needs at least one token in production"] : []),
    ];
    if (missing.length) throw new ConfigError(missing);
    return { ...configured, announcement: null };
  }
  if (!needsCallback && configured.apiTokens.length && configured.adminTokens.length)
    return { ...configured, announcement: null };

  const file = path.join(path.resolve(config.DATA_DIR), "dev-tokens.json");
  const stored = readDevTokens(file);
  const generated = {
    callbackToken: stored?.callbackToken ?? token("cb"),
    apiToken: stored?.apiToken ?? token("api"),
    adminToken: stored?.adminToken ?? token("adm"),
  };
  if (!stored) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  const effective = {
    callbackTokens: needsCallback ? [generated.callbackToken] : configured.callbackTokens,
    signKeys: configured.signKeys,
    apiTokens: configured.apiTokens.length ? configured.apiTokens : [generated.apiToken],
    adminTokens: configured.adminTokens.length ? configured.adminTokens : [generated.adminToken],
  };
  const announcement = stored
    ? `Using development tokens from ${file}`
    : [
        `Development tokens generated and kept in ${file} (set CALLBACK_TOKEN, API_TOKENS and ADMIN_TOKENS to choose your own):`,
        needsCallback
          ? `  callback URL for VOD:  http://<this host>:${config.PORT}/callbacks/vod?token=${generated.callbackToken}`
          : null,
        `  app API token:         ${effective.apiTokens[0]}`,
        `  admin token:           ${effective.adminTokens[0]}`,
        `Try:  curl -H 'Authorization: Bearer ${effective.apiTokens[0]}' http://127.0.0.1:${config.PORT}/v1/uploads`,
      ]
        .filter(Boolean)
        .join("\n");
  return { ...effective, announcement };
}

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString("base64url")}`;
