// Structured JSON logs (pino); pretty in development when pino-pretty is installed. Secrets are redacted by path
// so a token can never reach the log through a logged request or config object.
import { createRequire } from "node:module";
import { pino, type Logger } from "pino";

export type { Logger };

const redact = [
  "req.headers.authorization",
  "req.query.token",
  "req.query.Sign",
  "req.query.sign",
  "*.CALLBACK_TOKEN",
  "*.VOD_SIGN_KEY",
  "*.API_TOKENS",
  "*.ADMIN_TOKENS",
  "*.TENCENTCLOUD_SECRET_KEY",
  "*.DATABASE_URL",
];

export function createLogger(options: {
  level: string;
  pretty?: boolean;
  destination?: pino.DestinationStream;
}): Logger {
  const settings = {
    level: options.level,
    redact: { paths: redact, censor: "[redacted]" },
    ...(options.pretty && hasPrettyPrinter() && !options.destination
      ? { transport: { target: "pino-pretty", options: { colorize: true, singleLine: true } } }
      : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** pino-pretty is a development dependency: absent from production installs. */
function hasPrettyPrinter(): boolean {
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
