// Every call to the VOD API goes through here (STYLE §15): retried only on network errors and VOD's transient
// codes, on an explicit schedule, and failed with an AppError that names VOD's error code and request id.
// Errors the caller can fix (bad parameters, unknown FileId or session) → vod_rejected (400); the rest, including
// our own credentials being refused, → vod_error (502).
import { AppError } from "../errors.js";

const RETRY_DELAYS_MS = [200, 1000, 3000];
const transient = /^(InternalError|ServiceUnavailable|RequestLimitExceeded|ResourceUnavailable|FailedOperation\.ServiceUnavailable)/;
const network = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|UND_ERR)/;
const callerFixable = /^(InvalidParameter|InvalidParameterValue|MissingParameter|UnknownParameter|ResourceNotFound|UnsupportedRegion|LimitExceeded)/;

export interface VodErrorDetails {
  action: string;
  vodCode: string | null;
  requestId: string | null;
}

export async function callVod<T>(action: string, call: () => Promise<T>, delays: readonly number[] = RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const { vodCode, requestId, networkCode } = describe(error);
      const retryable = (vodCode !== null && transient.test(vodCode)) || networkCode !== null;
      const delay = delays[attempt];
      if (retryable && delay !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      const details: VodErrorDetails = { action, vodCode: vodCode ?? networkCode, requestId };
      const code = vodCode !== null && callerFixable.test(vodCode) ? "vod_rejected" : "vod_error";
      const reason = vodCode ? `${vodCode}: ${(error as Error).message}` : `VOD unreachable (${networkCode ?? (error as Error).message})`;
      throw new AppError(code, `VOD ${action} failed: ${reason}`, details, { cause: error });
    }
  }
}

function describe(error: unknown): { vodCode: string | null; requestId: string | null; networkCode: string | null } {
  const candidate = error as { code?: unknown; requestId?: unknown; cause?: { code?: unknown }; message?: unknown };
  const code = typeof candidate.code === "string" && candidate.code ? candidate.code : null;
  const causeCode = typeof candidate.cause?.code === "string" ? candidate.cause.code : null;
  const message = typeof candidate.message === "string" ? candidate.message : "";
  const networkCode = [code, causeCode].find((c) => c && network.test(c)) ?? (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed/.exec(message)?.[0] ?? null);
  return {
    vodCode: code && !network.test(code) ? code : null,
    requestId: typeof candidate.requestId === "string" && candidate.requestId ? candidate.requestId : null,
    networkCode,
  };
}
