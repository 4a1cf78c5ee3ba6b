// The one mapper from errors to HTTP answers. Exhaustive over ErrorCode: adding a code without a status is a type
// error. Unknown errors become a generic 500; their details go to the log only.
import { AppError, isAppError, type ErrorCode } from "../errors.js";
import { classifyDatabaseError } from "../db/classify-database-error.js";

const statusOf: Record<ErrorCode, number> = {
  unauthenticated: 401,
  signature_expired: 401,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  invalid_json: 400,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  vod_error: 502,
  vod_rejected: 400,
  // The call may have taken effect at VOD; its answer was lost (a commit is never repeated blindly).
  vod_outcome_unknown: 502,
  vod_not_configured: 503,
  database_unavailable: 503,
  database_misconfigured: 503,
  shutting_down: 503,
  internal: 500,
};

export interface HttpError {
  status: number;
  body: { error: { code: ErrorCode; message: string; details?: unknown } };
}

export function errorToHttp(error: unknown): HttpError {
  const known = isAppError(error) ? error : (fromDatabase(error) ?? fromBodyParser(error));
  if (!known) return { status: 500, body: { error: { code: "internal", message: "internal error" } } };
  const body: HttpError["body"] = { error: { code: known.code, message: known.message } };
  if (known.details !== undefined) body.error.details = known.details;
  return { status: statusOf[known.code], body };
}

/** A database failure on any route (pg's errors or Prisma's), by its codes. Unreachable, or a race that lost every
 *  retry: the client may try again, as VOD does. Refused (password, role, database name): still 503, since VOD
 *  must deliver again once fixed, but under its own code and with the reason, so an operator sees what to change. */
function fromDatabase(error: unknown): AppError | null {
  const found = classifyDatabaseError(error);
  if (!found) return null;
  if (found.kind === "misconfigured")
    return new AppError("database_misconfigured", `database misconfigured: ${found.reason}`);
  return new AppError("database_unavailable", "database unavailable; try again later");
}

/** body-parser (express.raw/json) reports with `type`; see https://github.com/expressjs/body-parser#errors */
function fromBodyParser(error: unknown): AppError | null {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === "entity.too.large") return tooLarge(error);
  if (type === "entity.parse.failed") return new AppError("invalid_json", "request body is not valid JSON");
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new AppError("invalid_request", "unsupported content encoding or charset");
  }
  if (type === "request.aborted") return new AppError("invalid_request", "request aborted");
  // Other client errors of body-parser (a body that fails to decompress: Content-Encoding gzip/deflate/br) and of
  // the router (a path parameter that is not valid percent-encoding) carry only an HTTP status.
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 413) return tooLarge(error);
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError("invalid_request", "the request could not be read (bad encoding of the body or the path)");
  }
  return null;
}

/** The limit of the parser that refused the body (raw-body sets `limit`, in bytes): callbacks and the JSON APIs differ. */
function tooLarge(error: unknown): AppError {
  const limit = (error as { limit?: unknown } | null)?.limit;
  if (typeof limit !== "number") return new AppError("payload_too_large", "request body is too large");
  return new AppError("payload_too_large", `request body is larger than ${formatBytes(limit)}`, { limitBytes: limit });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
