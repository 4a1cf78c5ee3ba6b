// serve(): open the database (PostgreSQL or embedded), migrate, listen. Returns { url, close } so tests listen on
// port 0 and stop cleanly. close() stops accepting, lets in-flight requests finish (each callback is either
// committed and answered 200, or not acknowledged) and the reconcile sweep end, then closes the pool.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../config.js";
import { resolveTokens } from "../dev-tokens.js";
import { migrate } from "../db/migrate.js";
import { openDatabase, type Database } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import type { Logger } from "../logger.js";
import { runPullWorker } from "../vod/run-pull-worker.js";
import { runReconciler } from "../vod/run-reconciler.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import { createMetrics } from "../metrics.js";
import { createNotifyMetrics } from "../notify/notify-metrics.js";
import { notifySettings } from "../notify/notify-settings.js";
import { startNotifications } from "../notify/start-notifications.js";
import { createAuthFailureLimiter } from "./auth-failure-limiter.js";
import { createApp } from "./create-app.js";
import { createUploadWatch } from "../db/create-upload-watch.js";

export interface Server {
  url: string;
  database: Database;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function serve(config: Config, logger: Logger): Promise<Server> {
  const tokens = resolveTokens(config);
  const database = await openDatabase(databaseOptions(config, logger, "service"));
  try {
    if (config.MIGRATE_ON_START) {
      const result = await migrate({ url: database.url });
      if (result.applied.length) logger.info({ applied: result.applied }, "migrations applied");
      if (result.modified.length)
        logger.warn({ modified: result.modified }, "applied migrations whose files changed since");
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  let shuttingDown = false;
  const vod = config.TENCENTCLOUD_SECRET_ID && config.TENCENTCLOUD_SECRET_KEY ? vodClientFromConfig(config) : null;
  const metrics = createMetrics();
  metrics.watchPool(database.pool);
  // Notifications to the app backend (issue 16): a delivery worker in this process unless DELIVERY_WORKER=false.
  const notify = notifySettings(config);
  const deliverer = notify.worker
    ? await startNotifications(database, logger, notify, createNotifyMetrics(metrics.registry))
    : null;
  // Long polls (issue 16 §5): closed first on shutdown, so waiting clients get their answer rather than a cut.
  const uploadWatch = createUploadWatch(database, { logger });
  const app = createApp({
    uploadWatch,
    notify: { allowPrivate: notify.allowPrivate, ...(deliverer ? { wake: deliverer.wake } : {}) },
    metrics,
    authFailureLimiter: createAuthFailureLimiter({ maxFailures: config.AUTH_FAILURE_LIMIT, logger }),
    ...(config.TRUST_PROXY !== undefined
      ? { trustProxy: /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY }
      : {}),
    db: database,
    logger,
    callbackAuth: { tokens: tokens.callbackTokens, signKeys: tokens.signKeys },
    tokens: { api: tokens.apiTokens, admin: tokens.adminTokens },
    isShuttingDown: () => shuttingDown,
    vod,
    vodSubAppId: config.VOD_SUBAPP_ID,
    vodCredentials:
      config.TENCENTCLOUD_SECRET_ID && config.TENCENTCLOUD_SECRET_KEY
        ? { secretId: config.TENCENTCLOUD_SECRET_ID, secretKey: config.TENCENTCLOUD_SECRET_KEY }
        : null,
  });
  const server = http.createServer(app);
  // VOD waits 5 s for an answer; keep-alive sockets from load balancers must outlive their idle timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${address.port}`;
  logger.info({ url, database: database.mode }, "listening");
  // Printed, not logged: the tokens are for the developer at the terminal, and secrets never go to the log.
  if (tokens.announcement) process.stderr.write(`\n${tokens.announcement}\n\n`);
  // The reconcile sweep (DESIGN §7) needs VOD credentials; RECONCILE_INTERVAL=0s turns it off.
  const reconciler =
    vod && config.RECONCILE_INTERVAL > 0
      ? runReconciler(
          { db: database, databaseUrl: database.url, vod, defaultSubAppId: config.VOD_SUBAPP_ID, logger },
          { intervalMs: config.RECONCILE_INTERVAL, olderThanMs: config.RECONCILE_AFTER },
        )
      : null;
  // PULL_WORKER=true: VOD's reliable callback pulled inside this process, e.g. on the embedded database, which
  // allows no second process (`vod-tracker pull`) on its data directory.
  const puller =
    vod && config.PULL_WORKER
      ? runPullWorker({ db: database, client: vod, logger, subAppId: config.VOD_SUBAPP_ID, metrics })
      : null;
  if (config.PULL_WORKER && !puller) logger.warn("PULL_WORKER is set but VOD credentials are not: not pulling");

  return {
    url,
    database,
    async close() {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections turn idle as their last response goes out: close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      const waits = uploadWatch.close(); // each wait answers the state it has now
      puller?.stop(); // finishes the batch in hand: stored and confirmed, or left for redelivery
      deliverer?.stop(); // records the attempts in flight; an unfinished claim is retaken after its lease
      await Promise.all([closed, waits, reconciler?.stop(), puller?.done, deliverer?.done]);
      clearInterval(sweeper);
      clearTimeout(timer);
      await database.close();
    },
  };
}
