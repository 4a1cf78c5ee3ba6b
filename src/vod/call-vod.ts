// Every call to the VOD API goes through here (STYLE §15): retried (withRetry) only when the caller says the call
// is idempotent, only on network errors, HTTP 5xx and VOD's transient codes, on an explicit schedule; failed with
// an AppError that names VOD's error code and request id. Errors the caller can fix (bad parameters, unknown
// FileId or session) → vod_rejected (400); the rest, including our own credentials being refused, → vod_error (502).
// `outcome: "unknown"` marks a failure after which VOD may still have done the work: the connection broke or timed
// out once the request could have left, or a 5xx came from something in front of VOD. Only a refused connection
// or a failed DNS lookup proves the request never left.
import { AppError } from "../errors.js";
import { withRetry } from "./with-retry.js";

const RETRY_DELAYS_MS = [200, 1000, 3000];
const transient =
  /^(InternalError|ServiceUnavailable|RequestLimitExceeded|ResourceUnavailable|FailedOperation\.ServiceUnavailable)/;
// The SDK (node-fetch underneath) rethrows network failures with the message only, e.g. "request to … failed,
// reason: socket hang up" or "network timeout at: …"; codes are read from the message when there is no `code`.
const network =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|UND_ERR\w*|socket hang up|network timeout|fetch failed/;
const neverSent = /^(ECONNREFUSED|EAI_AGAIN|ENOTFOUND)$/;
const callerFixable =
  /^(InvalidParameter|InvalidParameterValue|MissingParameter|UnknownParameter|ResourceNotFound|UnsupportedRegion|LimitExceeded)/;

export interface VodErrorDetails {
  action: string;
  vodCode: string | null;
  requestId: string | null;
  /** "unknown": VOD may have done the work although we got no answer (see the header). */
  outcome: "failed" | "unknown";
}

export interface VodCallOptions {
  /** Whether repeating the call is harmless. CommitUpload is not: VOD accepts a VodSessionKey once. */
  idempotent: boolean;
  delaysMs?: readonly number[];
}

export async function callVod<T>(action: string, call: () => Promise<T>, options: VodCallOptions): Promise<T> {
  try {
    return await withRetry(call, {
      delaysMs: options.delaysMs ?? RETRY_DELAYS_MS,
      idempotent: options.idempotent,
      isTransient: (error) => {
        const { vodCode, networkCode, httpStatus } = describe(error);
        return (vodCode !== null && transient.test(vodCode)) || networkCode !== null || httpStatus >= 500;
      },
    });
  } catch (error) {
    const { vodCode, requestId, networkCode, httpStatus } = describe(error);
    const unknown = (networkCode !== null && !neverSent.test(networkCode)) || httpStatus >= 500;
    const details: VodErrorDetails = {
      action,
      vodCode: vodCode ?? networkCode,
      requestId,
      outcome: unknown ? "unknown" : "failed",
    };
    const code = vodCode !== null && callerFixable.test(vodCode) ? "vod_rejected" : "vod_error";
    const reason = vodCode
      ? `${vodCode}: ${(error as Error).message}`
      : `VOD unreachable (${networkCode ?? (httpStatus ? `HTTP ${httpStatus}` : (error as Error).message)})`;
    throw new AppError(code, `VOD ${action} failed: ${reason}`, details, { cause: error });
  }
}

function describe(error: unknown) {
  const candidate = error as {
    code?: unknown;
    requestId?: unknown;
    httpCode?: unknown;
    cause?: { code?: unknown };
    message?: unknown;
  };
  const code = typeof candidate.code === "string" && candidate.code ? candidate.code : null;
  const causeCode = typeof candidate.cause?.code === "string" ? candidate.cause.code : null;
  const message = typeof candidate.message === "string" ? candidate.message : "";
  const isNetwork = (c: string | null): c is string => c !== null && network.test(c);
  const networkCode = [code, causeCode].find(isNetwork) ?? network.exec(message)?.[0] ?? null;
  return {
    vodCode: code && !network.test(code) ? code : null,
    requestId: typeof candidate.requestId === "string" && candidate.requestId ? candidate.requestId : null,
    networkCode,
    httpStatus: typeof candidate.httpCode === "number" ? candidate.httpCode : 0,
  };
}
