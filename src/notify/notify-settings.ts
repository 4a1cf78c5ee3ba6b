// The notification settings of the configuration (issue 16): NOTIFY_URL + NOTIFY_SECRET (one endpoint without the
// admin API), NOTIFY_RETRY_SCHEDULE, NOTIFY_TIMEOUT, DELIVERY_WORKER (a worker inside `serve`) and
// ALLOW_PRIVATE_ENDPOINTS, with their defaults. ALLOW_PRIVATE_ENDPOINTS defaults to true outside production only:
// a developer's receiver runs on localhost; in production it must be said.
import type { Config } from "../config.js";
import { defaultRetrySchedule } from "./retry-schedule.js";

export interface NotifyConfig {
  NOTIFY_URL?: string;
  NOTIFY_SECRET?: string;
  /** Milliseconds before each attempt. */
  NOTIFY_RETRY_SCHEDULE?: number[];
  /** Milliseconds. */
  NOTIFY_TIMEOUT?: number;
  DELIVERY_WORKER?: boolean;
  ALLOW_PRIVATE_ENDPOINTS?: boolean;
}

export interface NotifySettings {
  configEndpoint: { url: string; secret: string } | null;
  schedule: readonly number[];
  timeoutMs: number;
  worker: boolean;
  allowPrivate: boolean;
}

export const DEFAULT_NOTIFY_TIMEOUT_MS = 15_000;

export function notifySettings(config: Pick<Config, "NODE_ENV"> & NotifyConfig): NotifySettings {
  return {
    configEndpoint:
      config.NOTIFY_URL && config.NOTIFY_SECRET ? { url: config.NOTIFY_URL, secret: config.NOTIFY_SECRET } : null,
    schedule: config.NOTIFY_RETRY_SCHEDULE ?? defaultRetrySchedule,
    timeoutMs: config.NOTIFY_TIMEOUT ?? DEFAULT_NOTIFY_TIMEOUT_MS,
    worker: config.DELIVERY_WORKER ?? true,
    allowPrivate: config.ALLOW_PRIVATE_ENDPOINTS ?? config.NODE_ENV !== "production",
  };
}
