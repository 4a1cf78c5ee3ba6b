// POST /callbacks/vod in front of Express (issue 13): the hot path answered by plain node:http, without Express's
// per-request work (the req/res prototype swap, the router, body-parser, res.json's ETag hash, header setters one
// by one). It does what the route in routes/callback-routes.ts does, through the same steps: the token before the
// body is read (check-callback-token.ts), the raw body up to 1 MiB (413 once the rest is read off, as
// body-parser does), ingestCallback, and the same answers and errors through errorToHttp, with helmet's headers
// and X-Request-Id, the request log line and the auth-failure metric. A POST answer carries no ETag: nothing
// revalidates it.
// What it hands to Express (returns false): any other method or path (a trailing slash, another case, an
// absolute URL: Express's matching decides those) and a body with a Content-Encoding, which express.raw inflates.
import type { IncomingMessage, ServerResponse } from "node:http";
import querystring from "node:querystring";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { checkCallbackToken } from "./check-callback-token.js";
import { errorToHttp } from "./error-to-http.js";
import { ingestCallback, type CallbackRouteDeps } from "./ingest-callback.js";
import type { HelmetRecording } from "./record-helmet-headers.js";
import { CALLBACK_BODY_LIMIT_BYTES } from "./routes/callback-routes.js";
import { startRequestLog } from "./start-request-log.js";

const PATH = "/callbacks/vod";
// The query VOD is configured with: `token=` and a value with nothing to decode. querystring.parse's general
// machinery cost ~4 µs a callback in a profile (issue 13); any other query (a %-escape, a "+", another name, a second
// pair) still goes to it.
const TOKEN_ONLY = /^token=([\w.~-]*)$/;
const JSON_TYPE = "application/json; charset=utf-8";
const authCodes = new Set(["unauthenticated", "signature_expired", "forbidden"]);

export interface CallbackFastPathDeps {
  route: CallbackRouteDeps;
  logger: Logger;
  metrics: Metrics;
  helmet: HelmetRecording;
}

/** Answers the request and returns true, or returns false without touching it. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export function callbackFastPath(deps: CallbackFastPathDeps): FastPath {
  // One flat list, written by one writeHead: the fixed headers first, then the three of each answer.
  const fixed = deps.helmet.set.flat();
  const answer = (res: ServerResponse, status: number, text: string, requestId: string) => {
    if (res.headersSent || res.destroyed) return;
    const headers = [...fixed, "X-Request-Id", requestId, "Content-Type", JSON_TYPE];
    headers.push("Content-Length", String(Buffer.byteLength(text)));
    res.writeHead(status, headers);
    res.end(text);
  };
  const fail = (res: ServerResponse, error: unknown, requestId: string) => {
    const { status, body } = errorToHttp(error);
    if (status >= 500) deps.logger.error({ err: error, reqId: requestId }, "request failed");
    if (authCodes.has(body.error.code)) deps.metrics.authFailure({ route: "/callbacks", code: body.error.code });
    // The failed-authentication limiter counts only requests its guard saw (/v1, /admin): callbacks count nothing.
    answer(res, status, JSON.stringify(body), requestId);
  };
  return (req, res) => {
    if (req.method !== "POST" || req.headers["content-encoding"] !== undefined) return false;
    const url = req.url ?? "";
    const queryAt = url.indexOf("?");
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== PATH) return false;
    const requestId = startRequestLog(deps.logger, req, res, () => PATH);
    // The same parser as Express's "simple" query parser (create-app.ts): repeated names become arrays.
    const query = parseQuery(queryAt === -1 ? "" : url.slice(queryAt + 1));
    try {
      checkCallbackToken(deps.route.callbackAuth, query.token);
    } catch (error) {
      // The body is left unread: node:http reads it off once the answer is sent, and keeps the connection.
      fail(res, error, requestId);
      return true;
    }
    readBody(req, CALLBACK_BODY_LIMIT_BYTES)
      .then((body) =>
        ingestCallback(deps.route, { raw: body.toString("utf8"), bytes: body, query, headers: req.headers }),
      )
      .then(
        (body) => answer(res, 200, JSON.stringify(body), requestId),
        (error: unknown) => fail(res, error, requestId),
      );
    return true;
  };
}

/** querystring.parse's answer (an object without a prototype), made directly for the one usual query. */
function parseQuery(search: string): querystring.ParsedUrlQuery {
  const tokenOnly = TOKEN_ONLY.exec(search);
  if (!tokenOnly) return querystring.parse(search);
  const query = Object.create(null) as querystring.ParsedUrlQuery;
  query.token = tokenOnly[1];
  return query;
}

/** Rejects as raw-body does (its error fields, which errorToHttp reads), once the whole request is read. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(req.headers["content-length"]) > limit;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      received += chunk.length;
      if (received > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) reject(Object.assign(new Error("request entity too large"), { type: "entity.too.large", limit }));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received));
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(Object.assign(new Error("request aborted"), { type: "request.aborted" }));
    });
  });
}
