// One line per request, with a request id (the caller's X-Request-Id, else a new one) that the caller echoes in
// X-Request-Id. The query string is left out: it may hold the callback token. Below info (production runs at warn)
// the line would be dropped anyway, so neither the clock nor the listener is paid for; the level is asked per
// request, since a logger's level may be changed while it runs.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

/** Returns the request id; `path` is read when the answer is finished. */
export function startRequestLog(logger: Logger, req: IncomingMessage, res: ServerResponse, path: () => string): string {
  const given = req.headers["x-request-id"];
  const id = (typeof given === "string" && given.slice(0, 100)) || randomUUID();
  if (!logger.isLevelEnabled("info")) return id;
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(
      { reqId: id, method: req.method, path: path(), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
      "request",
    );
  });
  return id;
}
