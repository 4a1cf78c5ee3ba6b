// Start-up failures the user fixes by changing one setting: the port is taken or privileged, the address is not
// this machine's, the database cannot be reached or refuses us. Told as one sentence naming the setting, without a
// stack trace; null for anything else, which is a bug and gets the full log entry.
import type { Config } from "../config.js";
import { classifyDatabaseError } from "../db/classify-database-error.js";

/** The settings that choose where each listening command listens (the emulator always listens on loopback). */
const listenSettings: Record<string, { port: string; host?: string }> = {
  serve: { port: "PORT", host: "HOST" },
  pull: { port: "METRICS_PORT", host: "HOST" },
  emulator: { port: "--port (or --cos-port)" },
};

interface ListenError {
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
}

export function describeStartupFailure(command: string, error: unknown, config: Config): string | null {
  const listen = error as ListenError | null;
  if (listen && typeof listen === "object" && listen.syscall === "listen") {
    const where = `port ${String(listen.port)} on ${String(listen.address)}`;
    const settings = listenSettings[command] ?? { port: "the port" };
    const portOrHost = settings.host ? `${settings.port} (or ${settings.host})` : settings.port;
    // https://nodejs.org/api/errors.html#common-system-errors
    if (listen.code === "EADDRINUSE")
      return `${where} is already in use by another process; set ${portOrHost} to a free one`;
    if (listen.code === "EACCES")
      return `${where} needs privileges this process does not have (ports below 1024); set ${settings.port} to 1024 or above`;
    if (listen.code === "EADDRNOTAVAIL")
      return `${String(listen.address)} is not an address of this machine; set ${settings.host ?? "the address"} to one of its addresses, or 0.0.0.0 for all`;
  }
  const database = classifyDatabaseError(error);
  if (!database || database.kind === "retryable") return null;
  return `${database.reason} (${config.DATABASE_URL ? `DATABASE_URL is ${withoutPassword(config.DATABASE_URL)}` : `DATABASE_URL is unset: the embedded database in DATA_DIR ${config.DATA_DIR}`})`;
}

/** The URL as the user wrote it, so they can spot the typo, but never the password. */
function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "not a URL";
  }
}
