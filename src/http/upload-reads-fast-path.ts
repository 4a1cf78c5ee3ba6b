// GET /v1/uploads/:ref and GET /v1/uploads in front of Express (issue 13 §3, issue 14), as callback-fast-path.ts
// answers callbacks: the polled reads without Express's per-request work (the req/res prototype swap, the router and
// its prefix matching, the middleware stack, header setters one by one), which cost ~125 µs a GET against ~45 µs of
// ours. It goes through the steps the Express stack takes, with the same helpers: the failed-authentication limiter's
// test for the client's address (auth-failure-limiter.ts), the bearer check (require-bearer.ts), validation of the
// same schemas (validate.ts), the same answer functions (find-upload-answer.ts, list-uploads-answer.ts), errors
// through errorToHttp, helmet's recorded headers, X-Request-Id and the request log line, and res.send's headers:
// Content-Type, Content-Length and the app's own ETag function over the same bytes.
// What it hands to Express (returns false, or calls toExpress before touching the answer), so that every refusal and
// every unusual request takes the one path the tests hold:
// - any other method (HEAD too) or path: a trailing slash, another case, a %-escape in the ref, an absolute URL;
// - a missing or wrong token (the 401, its metric and the limiter's count), and a client the limiter refuses (429);
// - a query on GET by ref (?waitFor= is the long poll);
// - a request with a body (Content-Length or Transfer-Encoding: express.json reads it) or a conditional one
//   (If-None-Match, If-Modified-Since: Express's freshness test answers 304);
// - what the limiter's own checks would warn of: Forwarded, or X-Forwarded-For without "trust proxy", or an address
//   that is not one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { Db } from "../db/db.js";
import type { Logger } from "../logger.js";
import type { AuthFailureLimiter } from "./auth-failure-limiter.js";
import { errorToHttp } from "./error-to-http.js";
import { findUploadAnswer } from "./find-upload-answer.js";
import { listUploadsAnswer } from "./list-uploads-answer.js";
import type { HelmetRecording } from "./record-helmet-headers.js";
import { presentedBearer, tokenKindOf, type Tokens } from "./require-bearer.js";
import { listUploadsQuerySchema, uploadRefParamsSchema } from "./routes/upload-routes.js";
import { startRequestLog } from "./start-request-log.js";
import { validate } from "./validate.js";

// /v1/uploads, or /v1/uploads/<ref> with a ref Express's router would pass on as it stands (it decodes %-escapes).
const PATH = /^\/v1\/uploads(?:\/([^/%]+))?$/;
const JSON_TYPE = "application/json; charset=utf-8";

export interface UploadReadsFastPathDeps {
  db: Db;
  tokens: Tokens;
  limiter: AuthFailureLimiter;
  logger: Logger;
  helmet: HelmetRecording;
  /** The Express app's own settings, so that both ways answer alike. */
  express: {
    /** app.get("etag fn"): what res.send tags a body with (none when the app turned ETags off). */
    etag: ((body: Buffer) => string | undefined) | undefined;
    /** app.get("query parser fn"). */
    parseQuery: (search: string) => unknown;
    /** Express's req.ip of this request (its "trust proxy"). */
    ipOf: (req: IncomingMessage) => string | undefined;
    /** app.get("trust proxy") is not false. */
    trustsProxy: boolean;
  };
}

/** Takes the request and returns true (calling toExpress later if it hands it over after all), or returns false
 *  without touching it. */
export type ReadsFastPath = (req: IncomingMessage, res: ServerResponse, toExpress: () => void) => boolean;

export function uploadReadsFastPath(deps: UploadReadsFastPathDeps): ReadsFastPath {
  const fixed = deps.helmet.set.flat();
  const send = (res: ServerResponse, status: number, text: string, requestId: string) => {
    if (res.headersSent || res.destroyed) return;
    // As res.send: the body's bytes, tagged by the app's ETag function.
    const body = Buffer.from(text, "utf8");
    const headers = ["X-Request-Id", requestId, ...fixed, "Content-Type", JSON_TYPE];
    headers.push("Content-Length", String(body.length));
    const tag = deps.express.etag?.(body);
    if (tag) headers.push("ETag", tag);
    res.writeHead(status, headers);
    res.end(body);
  };
  const fail = (res: ServerResponse, error: unknown, requestId: string) => {
    const { status, body } = errorToHttp(error);
    if (status >= 500) deps.logger.error({ err: error, reqId: requestId }, "request failed");
    // No authentication error reaches here (a refused token goes to Express): nothing to count or meter.
    send(res, status, JSON.stringify(body), requestId);
  };
  // Params, then query, as defineRoute validates them; a throw becomes the rejection the error answer is made of.
  const answer = async (ref: string | undefined, search: string): Promise<string> => {
    if (ref !== undefined) return findUploadAnswer(deps.db, validate(uploadRefParamsSchema, { ref }, "params").ref);
    return listUploadsAnswer(deps.db, validate(listUploadsQuerySchema, deps.express.parseQuery(search), "query"));
  };
  return (req, res, toExpress) => {
    if (req.method !== "GET") return false;
    const url = req.url ?? "";
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const matched = PATH.exec(path);
    if (!matched || url.includes("#")) return false;
    const ref = matched[1];
    if (ref !== undefined && queryAt !== -1) return false;
    const headers = req.headers;
    if (headers["content-length"] !== undefined || headers["transfer-encoding"] !== undefined) return false;
    if (headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined) return false;
    if (headers.forwarded !== undefined) return false;
    if (headers["x-forwarded-for"] !== undefined && !deps.express.trustsProxy) return false;
    if (tokenKindOf(deps.tokens, presentedBearer(headers.authorization)) === null) return false;
    const ip = deps.express.ipOf(req);
    if (ip === undefined || isIP(ip) === 0) return false;
    void deps.limiter.admits(ip).then((admitted) => {
      if (!admitted) return toExpress();
      const requestId = startRequestLog(deps.logger, req, res, () => path);
      answer(ref, queryAt === -1 ? "" : url.slice(queryAt + 1)).then(
        (text) => send(res, 200, text, requestId),
        (error: unknown) => fail(res, error, requestId),
      );
    });
    return true;
  };
}
