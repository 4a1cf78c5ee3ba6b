#!/usr/bin/env node
// vod-tracker: one binary, subcommands (DESIGN §2). Configuration comes from the environment (src/config.ts);
// flags only say what to do. Each command loads its own modules on demand, so `serve` carries no upload,
// COS or emulator code.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, durationSchema, loadConfig, type Config } from "./config.js";
import { isAppError } from "./errors.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { serve } from "./http/serve.js";
import { createLogger, type Logger } from "./logger.js";

const usage = `usage: vod-tracker <command> [options]

commands:
  serve                         run the service (default): callbacks, app API; migrates on start
  migrate                       apply pending database migrations and exit
  pull                          reliable-callback worker: PullEvents → store → ConfirmEvents, until SIGTERM
  reconcile [--older-than 15m] [--lookback 3d]
                                one reconcile sweep: uploads stuck (PENDING, PROCESSING, UPLOADED with a task
                                flow) for longer than --older-than (default RECONCILE_AFTER) are checked against
                                VOD and repaired; prints what it repaired
  configure-events [options]    set VOD's event notification (ModifyEventConfig):
      --mode PUSH|PULL  --url <callback URL incl. ?token=>  --upload-events ON|OFF
      --delete-events ON|OFF  --sign-key <key>
  configure-events --show       print VOD's event notification settings (DescribeEventConfig)
  upload <file> [--procedure NAME] [--storage-region R] [--source-context TEXT] [--session-context TEXT]
         [--cover FILE] [--media-name NAME] [--concurrency 4] [--wait] [--wait-timeout 600]
                                ApplyUpload → COS (multipart above 5 MiB, resumable) → CommitUpload; prints
                                the FileId and URL; --wait follows the status through the service (TRACKER_URL)
  prune --older-than 90d        delete stored events received before the cut (at least 1h), in batches of
                                5,000; uploads are kept
  emulator [--port 9090] [--cos-port 9091] [--procedure-delay-ms 2000] [--legacy]
                                a local VOD for tests and demos (API, COS endpoint, event delivery)
  help                          this text

Configuration comes from environment variables: see .env.example.`;

type Outcome = number | "running";
type Command = (config: Config, logger: Logger, args: string[]) => Promise<Outcome>;

/** Runs until SIGTERM/SIGINT, then awaits stop() and exits 0. */
function untilSignal(logger: Logger, stop: () => Promise<void>): Outcome {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  return "running";
}

/** The app token `upload --wait` presents: API_TOKENS, else the development token kept in DATA_DIR. */
function apiTokenFor(config: Config): string {
  const configured = config.API_TOKENS[0];
  if (configured) return configured;
  try {
    return JSON.parse(fs.readFileSync(path.join(config.DATA_DIR, "dev-tokens.json"), "utf8")).apiToken;
  } catch {
    throw new ConfigError(["API_TOKENS: --wait needs an app token of the service"]);
  }
}

/** A bare /metrics listener for commands without an HTTP API of their own (pull). */
async function serveMetrics(metrics: import("./metrics.js").Metrics, host: string, port: number) {
  const http = await import("node:http");
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

const commands: Record<string, Command> = {
  async serve(config, logger) {
    const server = await serve(config, logger);
    return untilSignal(logger, () => server.close());
  },

  async migrate(config, logger) {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, logger });
    try {
      const result = await migrate({ url: database.url });
      logger.info({ applied: result.applied, modified: result.modified }, result.applied.length ? "migrations applied" : "database is up to date");
      return 0;
    } finally {
      await database.close();
    }
  },

  async pull(config, logger) {
    const { runPullWorker } = await import("./vod/run-pull-worker.js");
    const { vodClientFromConfig } = await import("./vod/vod-client-from-config.js");
    const client = vodClientFromConfig(config);
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, logger });
    if (config.MIGRATE_ON_START) await migrate({ url: database.url });
    const { createMetrics } = await import("./metrics.js");
    const metrics = createMetrics();
    metrics.watchPool(database.pool);
    const metricsServer = config.METRICS_PORT === undefined ? null : await serveMetrics(metrics, config.HOST, config.METRICS_PORT);
    const worker = runPullWorker({ prisma: database.prisma, client, logger, subAppId: config.VOD_SUBAPP_ID, metrics });
    logger.info({ endpoint: config.VOD_ENDPOINT ?? "vod.tencentcloudapi.com", metricsPort: config.METRICS_PORT ?? null }, "pulling events");
    return untilSignal(logger, async () => {
      worker.stop();
      await worker.done;
      metricsServer?.close();
      await database.close();
    });
  },

  async reconcile(config, logger, args) {
    const { reconcileSweep, LOOKBACK_MS } = await import("./vod/reconcile-sweep.js");
    const { formatSweepReport } = await import("./vod/format-sweep-report.js");
    const { vodClientFromConfig } = await import("./vod/vod-client-from-config.js");
    const { values } = parseArgs({ args, options: { "older-than": { type: "string" }, lookback: { type: "string" } } });
    const duration = (name: string, value: string | undefined, fallback: number) => {
      if (value === undefined) return fallback;
      const parsed = durationSchema.safeParse(value);
      if (!parsed.success) throw new ConfigError([`--${name}: must be a duration such as 30s, 15m, 2h or 1d`]);
      return parsed.data;
    };
    const olderThanMs = duration("older-than", values["older-than"], config.RECONCILE_AFTER);
    const lookbackMs = duration("lookback", values.lookback, LOOKBACK_MS);
    const vod = vodClientFromConfig(config);
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, logger });
    try {
      if (config.MIGRATE_ON_START) await migrate({ url: database.url });
      const report = await reconcileSweep(
        { prisma: database.prisma, databaseUrl: database.url, vod, defaultSubAppId: config.VOD_SUBAPP_ID },
        { olderThanMs, lookbackMs },
      );
      console.log(formatSweepReport(report));
      return report.counts.failed ? 1 : 0;
    } finally {
      await database.close();
    }
  },

  async "configure-events"(config, _logger, args) {
    const { describeEventConfig, eventConfigChangeSchema, modifyEventConfig } = await import("./vod/configure-events.js");
    const { vodClientFromConfig } = await import("./vod/vod-client-from-config.js");
    const { values } = parseArgs({
      args,
      options: {
        show: { type: "boolean" }, mode: { type: "string" }, url: { type: "string" },
        "upload-events": { type: "string" }, "delete-events": { type: "string" }, "sign-key": { type: "string" },
      },
    });
    const client = vodClientFromConfig(config);
    if (!values.show) {
      const change = eventConfigChangeSchema.parse({
        mode: values.mode?.toUpperCase(), notificationUrl: values.url,
        uploadEvents: values["upload-events"]?.toUpperCase(), deleteEvents: values["delete-events"]?.toUpperCase(),
        signKey: values["sign-key"],
      });
      await modifyEventConfig(client, change, config.VOD_SUBAPP_ID);
    }
    console.log(JSON.stringify(await describeEventConfig(client, config.VOD_SUBAPP_ID), null, 2));
    return 0;
  },

  async upload(config, logger, args) {
    const { uploadFile } = await import("./vod/upload-file.js");
    const { progressReporter } = await import("./vod/progress-reporter.js");
    const { waitForFinalStatus } = await import("./vod/wait-for-final-status.js");
    const { vodClientFromConfig } = await import("./vod/vod-client-from-config.js");
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        procedure: { type: "string" }, "storage-region": { type: "string" }, "source-context": { type: "string" },
        "session-context": { type: "string" }, cover: { type: "string" }, "media-name": { type: "string" },
        concurrency: { type: "string", default: "4" }, wait: { type: "boolean" }, "wait-timeout": { type: "string", default: "600" },
      },
    });
    const [filePath] = positionals;
    if (!filePath) throw new ConfigError(["upload needs a file: vod-tracker upload <file>"]);
    const concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new ConfigError(["--concurrency must be 1..32"]);
    const vod = vodClientFromConfig(config);
    // The embedded database belongs to the running service (one process per DATA_DIR): record only on PostgreSQL.
    const database = config.DATABASE_URL
      ? await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, logger })
      : null;
    const progress = progressReporter(process.stderr, path.basename(filePath));
    try {
      const result = await uploadFile(
        {
          vod, prisma: database?.prisma ?? null, defaultSubAppId: config.VOD_SUBAPP_ID, cosEndpoint: config.COS_ENDPOINT,
          stateDir: config.DATA_DIR, onProgress: progress.update,
        },
        {
          filePath, coverPath: values.cover, concurrency, procedure: values.procedure, storageRegion: values["storage-region"],
          sourceContext: values["source-context"], sessionContext: values["session-context"], mediaName: values["media-name"],
        },
      );
      progress.done();
      if (result.resumed) console.error("resumed an earlier, interrupted upload of this file");
      console.log(`FileId: ${result.fileId}`);
      console.log(`MediaUrl: ${result.mediaUrl}`);
      if (!values.wait || !result.fileId) return 0;
      const final = await waitForFinalStatus({
        trackerUrl: config.TRACKER_URL ?? `http://127.0.0.1:${config.PORT}`,
        apiToken: apiTokenFor(config),
        ref: result.fileId,
        expectProcedure: Boolean(values.procedure),
        timeoutMs: Number(values["wait-timeout"]) * 1000,
        onChange: (status) => console.error(`status: ${status}`),
      });
      console.log(`Status: ${final.status}`);
      return final.status === "FAILED" ? 3 : 0;
    } finally {
      await database?.close();
    }
  },

  async prune(config, logger, args) {
    const { olderThanSchema, pruneEvents } = await import("./db/prune-events.js");
    const { values } = parseArgs({ args, options: { "older-than": { type: "string" } } });
    if (!values["older-than"]) throw new ConfigError(["prune needs --older-than, e.g. vod-tracker prune --older-than 90d"]);
    const olderThan = olderThanSchema.safeParse(values["older-than"]);
    if (!olderThan.success) throw new ConfigError([`--older-than: ${olderThan.error.issues[0]?.message}`]);
    const before = new Date(Date.now() - olderThan.data);
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1, logger });
    try {
      console.error(`deleting events received before ${before.toISOString()}`);
      const { deleted } = await pruneEvents(database.prisma, {
        before,
        onBatch: (batch) => console.error(`deleted ${batch.deleted} events (${batch.total} so far)`),
      });
      console.log(`Deleted: ${deleted} events received before ${before.toISOString()}`);
      return 0;
    } finally {
      await database.close();
    }
  },

  async emulator(config, logger, args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: "string", default: "9090" }, "cos-port": { type: "string" },
        "procedure-delay-ms": { type: "string" }, legacy: { type: "boolean" },
      },
    });
    // Loaded on demand: the emulator is a test and demo tool, never part of `serve`.
    const { EMULATOR_DEMO_CREDENTIALS } = await import("./emulator/demo-credentials.js");
    const { startEmulator } = await import("./emulator/start-emulator.js");
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
      logger.info(`demo credentials: TENCENTCLOUD_SECRET_ID=${credentials.secretId} TENCENTCLOUD_SECRET_KEY=${credentials.secretKey} VOD_ENDPOINT=${emulator.url}`);
    }
    return untilSignal(logger, () => emulator.close());
  },
};

export async function main(argv: string[]): Promise<void> {
  const [name = "serve", ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    console.log(usage);
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command: ${name}\n\n${usage}`);
    process.exit(2);
  }
  try {
    const config = loadConfig();
    const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.NODE_ENV === "development" && process.stdout.isTTY });
    const outcome = await command(config, logger, args).catch((error: unknown) => {
      if (error instanceof ConfigError) throw error;
      // An expected failure (missing file, VOD refused, …) is told plainly; anything else gets the full log entry.
      if (isAppError(error)) console.error(`${name} failed: ${error.message}`);
      else logger.fatal({ err: error }, `${name} failed: ${(error as Error).message}`);
      return 1;
    });
    if (outcome !== "running") process.exit(outcome);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof ConfigError ? 1 : 2);
  }
}

await main(process.argv.slice(2));
