// The Express app, without side effects (STYLE §9): everything it touches is passed in. serve() owns the listener.
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { AppError } from "../errors.js";
import type { Db } from "../db/db.js";
import type { Logger } from "../logger.js";
import type { VodClient } from "../vod/client.js";
import { createUploadReader } from "../db/create-upload-reader.js";
import { createUploadWatch, type UploadWatch } from "../db/create-upload-watch.js";
import { registerUploadWaitersGauge } from "./upload-waiters-gauge.js";
import { createGroupCommit } from "../ingest/group-commit.js";
import { createMetrics, type Metrics } from "../metrics.js";
import { adminPage } from "./admin-page/admin-page.js";
import { createAuthFailureLimiter, type AuthFailureLimiter } from "./auth-failure-limiter.js";
import { errorToHttp } from "./error-to-http.js";
import { callbackFastPath } from "./callback-fast-path.js";
import { helmetHeaders } from "./helmet-headers.js";
import { mountRoutes } from "./mount-routes.js";
import { openApiDocument, type OpenApiDocument } from "./openapi-document.js";
import { recordHelmetHeaders } from "./record-helmet-headers.js";
import { requireBearer, type Tokens } from "./require-bearer.js";
import { allRoutes } from "./routes/all-routes.js";
import type { CallbackAuth } from "./check-callback-token.js";
import { startRequestLog } from "./start-request-log.js";
import { uploadReadsFastPath, type UploadReadsFastPathDeps } from "./upload-reads-fast-path.js";

export interface AppDeps {
  db: Db;
  logger: Logger;
  callbackAuth: CallbackAuth;
  tokens: Tokens;
  isShuttingDown?: () => boolean;
  /** The VOD SDK client, when credentials are configured (starting uploads and reconcile need it). */
  vod?: VodClient | null;
  vodSubAppId?: number;
  /** The API key pair, for client upload signatures. */
  vodCredentials?: { secretId: string; secretKey: string } | null;
  /** Prometheus registry and counters; a fresh one when not given. */
  metrics?: Metrics;
  /** Failed-authentication limiter; a default one (30 failures a minute per client) when not given. */
  authFailureLimiter?: AuthFailureLimiter;
  /** Express "trust proxy" (TRUST_PROXY): a hop count, or addresses/subnets of the proxies. */
  trustProxy?: number | string;
  /** Notifications (issue 16): whether endpoints may be private addresses, and how to wake the delivery worker. */
  notify?: { allowPrivate: boolean; wake?: () => void };
  /** Who follows uploads for long polls (create-upload-watch.ts); serve() passes its own, to close it. */
  uploadWatch?: UploadWatch;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (deps.trustProxy !== undefined) app.set("trust proxy", deps.trustProxy);
  app.set("query parser", "simple");
  const metrics = deps.metrics ?? createMetrics();
  const limiter = deps.authFailureLimiter ?? createAuthFailureLimiter({ logger: deps.logger });
  const helmet = recordHelmetHeaders();
  // An app without serve() has nobody to close its watch: it keeps no LISTEN connection past its last wait. Made at
  // the first wait, so that creating the app touches nothing of the database (its pool may not even be there).
  let ownWatch: UploadWatch | undefined;
  const lazyWatch = (): UploadWatch => (ownWatch ??= createUploadWatch(deps.db, { logger: deps.logger, lingerMs: 0 }));
  const watch: UploadWatch = deps.uploadWatch ?? {
    watch: (...args) => lazyWatch().watch(...args),
    size: () => ownWatch?.size() ?? 0,
    close: (graceMs) => ownWatch?.close(graceMs) ?? Promise.resolve(),
  };
  registerUploadWaitersGauge(metrics.registry, watch.size);
  app.use(requestLog(deps.logger));
  app.use(helmetHeaders(helmet));
  let document: OpenApiDocument | undefined;
  const routeDeps = {
    db: deps.db,
    isShuttingDown: deps.isShuttingDown ?? (() => false),
    openApiDocument: () => (document ??= openApiDocument(Object.values(allRoutes).flat())),
    metrics,
    // One group commit per app: concurrent callbacks share statements (DESIGN §10).
    writer: createGroupCommit(deps.db, { onGroup: metrics.observeGroup }),
    observe: metrics.observeIngest,
    callbackAuth: deps.callbackAuth,
    reader: createUploadReader(deps.db),
    watch,
    vod: deps.vod ?? null,
    vodSubAppId: deps.vodSubAppId,
    vodCredentials: deps.vodCredentials ?? null,
    notify: deps.notify,
  };
  // The callback first: it is the hot path, and the ops routes' paths are disjoint from it.
  app.use(mountRoutes(allRoutes.callback, routeDeps, deps.tokens));
  app.use(mountRoutes(allRoutes.ops, routeDeps, deps.tokens));
  app.use(express.json({ limit: "100kb" }));
  app.use("/v1", limiter.guard);
  // Before the routes match a path, so any /v1 path, unknown or undecodable, answers 401 first.
  app.use("/v1", requireBearer(deps.tokens, "api"));
  app.use(mountRoutes(allRoutes.app, routeDeps, deps.tokens));
  // The page holds no data and is served without a token; it must come before the /admin bearer check.
  app.use(adminPage());
  // After the page, so its files are never limited.
  app.use("/admin", limiter.guard);
  // Reconcile's own check runs once its path matched (an undecodable ref answers 400 first), as it always has;
  // every other /admin path meets the guard before the router matches it.
  app.use(mountRoutes(allRoutes.reconcile, routeDeps, deps.tokens));
  app.use("/admin", requireBearer(deps.tokens, "admin"));
  app.use(mountRoutes(allRoutes.admin, routeDeps, deps.tokens));
  app.use((req) => {
    throw new AppError("not_found", `no route ${req.method} ${req.path}`);
  });
  app.use(errorHandler(deps.logger, metrics, limiter));
  // The callback goes in front of Express (callback-fast-path.ts). Express's app(req, res) calls app.handle, so
  // every server built on this app takes the same path: serve()'s, and supertest's in the tests.
  const fastPath = callbackFastPath({ route: routeDeps, logger: deps.logger, metrics, helmet });
  // The polled reads likewise (upload-reads-fast-path.ts), with the app's own ETag, query parser and req.ip.
  const readsFastPath = uploadReadsFastPath({
    db: deps.db,
    tokens: deps.tokens,
    limiter,
    logger: deps.logger,
    helmet,
    express: expressSettings(app),
  });
  const expressHandle = (app as unknown as { handle: Handle }).handle.bind(app);
  (app as unknown as { handle: Handle }).handle = (req, res, next) => {
    if (fastPath(req, res)) return;
    if (!readsFastPath(req, res, () => expressHandle(req, res, next))) expressHandle(req, res, next);
  };
  return app;
}

type Handle = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** What res.send, req.query and req.ip would use, read from the app once its settings are made. */
function expressSettings(app: express.Express): UploadReadsFastPathDeps["express"] {
  const trust: unknown = app.get("trust proxy");
  return {
    etag: app.get("etag fn") as UploadReadsFastPathDeps["express"]["etag"],
    parseQuery: app.get("query parser fn") as UploadReadsFastPathDeps["express"]["parseQuery"],
    // Without X-Forwarded-For, proxy-addr answers the socket's address whatever "trust proxy" says. With it, Express's
    // own getter (proxy-addr over "trust proxy fn"), run on what it reads: the request's headers and socket. Not on
    // an object made with the request as its prototype: V8 then turns the request into a prototype, and every later
    // access to it slows down (a profile showed it).
    ipOf: (req) => {
      if (req.headers["x-forwarded-for"] === undefined) return req.socket.remoteAddress;
      const ip: unknown = Reflect.get(app.request, "ip", { app, headers: req.headers, socket: req.socket });
      return typeof ip === "string" ? ip : undefined;
    },
    trustsProxy: trust !== false,
  };
}

/** The request log line and X-Request-Id (start-request-log.ts). */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = startRequestLog(logger, req, res, () => req.path);
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    next();
  };
}

const authCodes = new Set(["unauthenticated", "signature_expired", "forbidden"]);

function errorHandler(logger: Logger, metrics: Metrics, limiter: AuthFailureLimiter): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const { status, body } = errorToHttp(error);
    if (status >= 500) logger.error({ err: error, reqId: res.locals.requestId }, "request failed");
    // The route label is the first path segment: bounded, whatever paths attackers try.
    if (authCodes.has(body.error.code)) {
      metrics.authFailure({ route: `/${req.path.split("/")[1] ?? ""}`, code: body.error.code });
      // A valid token of the wrong kind (403) is not guessing: only missing/wrong/expired credentials count.
      if (body.error.code !== "forbidden") void limiter.recordFailure(req);
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}
