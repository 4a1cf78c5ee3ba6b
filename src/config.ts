// Configuration: the only module that reads process.env (STYLE §8). Validated once at start; a bad variable stops
// start-up with a message naming it. Comma-separated token lists allow rotation without dropping callbacks.
import { z } from "zod";

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .optional()
  .transform((value) => (value === undefined ? undefined : ["true", "1", "yes"].includes(value)));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
  .optional();

// A duration such as "30s", "15m", "2h", "1d" (or "500ms"), in milliseconds.
const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const durationSchema = z
  .string()
  .regex(DURATION, "must be a duration such as 30s, 15m, 2h or 1d")
  .transform((value) => {
    const match = DURATION.exec(value) as RegExpExecArray;
    return Number(match[1]) * DURATION_UNITS_MS[match[2] as keyof typeof DURATION_UNITS_MS];
  });
// setTimeout cannot wait longer than 2^31-1 ms (~24.8 days): a longer interval would fire at once. PostgreSQL's
// millisecond timeouts are int4 too.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** statement_timeout on the service's connections; VOD waits 5 s for a callback's answer. 0s = none. */
  DATABASE_STATEMENT_TIMEOUT: durationSchema.refine((ms) => ms <= MAX_TIMER_MS, "must be at most 24d").default(4000),
  /** idle_in_transaction_session_timeout: a transaction left open gives its locks back. 0s = none. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: durationSchema
    .refine((ms) => ms <= MAX_TIMER_MS, "must be at most 24d")
    .default(10_000),
  DATA_DIR: z.string().min(1).default("./data"),
  MIGRATE_ON_START: bool.transform((value) => value ?? true),
  CALLBACK_TOKEN: list,
  VOD_SIGN_KEY: list,
  API_TOKENS: list,
  ADMIN_TOKENS: list,
  TENCENTCLOUD_SECRET_ID: z.string().optional(),
  TENCENTCLOUD_SECRET_KEY: z.string().optional(),
  VOD_REGION: z.string().default("ap-guangzhou"),
  VOD_SUBAPP_ID: z.coerce.number().int().positive().optional(),
  VOD_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  COS_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(30),
  TRUST_PROXY: z.string().optional(),
  PULL_WORKER: bool.transform((value) => value ?? false),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  TRACKER_URL: z.url({ protocol: /^https?$/ }).optional(),
  RECONCILE_AFTER: durationSchema.default(15 * 60_000),
  /** 0 turns the sweep in `serve` off. */
  RECONCILE_INTERVAL: durationSchema.refine((ms) => ms <= MAX_TIMER_MS, "must be at most 24d").default(5 * 60_000),
  /** One notification endpoint without the admin API (issue 16): NOTIFY_URL with NOTIFY_SECRET. */
  NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  NOTIFY_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be a whsec_ secret (base64 after whsec_)")
    .optional(),
  /** Delays before each attempt, comma-separated (0s,5s,5m,...); unset = immediately, 5s, 5m, 30m, 2h, 5h, 10h, 10h. */
  NOTIFY_RETRY_SCHEDULE: z
    .string()
    .transform((value) => value.split(",").map((item) => item.trim()))
    .pipe(
      z
        .array(durationSchema.refine((ms) => ms <= MAX_TIMER_MS, "must be at most 24d"))
        .min(1)
        .max(50),
    )
    .optional(),
  NOTIFY_TIMEOUT: durationSchema.refine((ms) => ms > 0 && ms <= 60_000, "must be between 1ms and 60s").default(15_000),
  DELIVERY_WORKER: bool.transform((value) => value ?? true),
  /** Unset: true outside production. */
  ALLOW_PRIVATE_ENDPOINTS: bool,
});

export type Config = Readonly<z.infer<typeof configSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Empty strings count as unset, as in most .env tooling. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return Object.freeze(parsed.data);
}
