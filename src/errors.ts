// One error family with a closed set of codes (STYLE §5). Mapped to HTTP in one place: src/http/error-to-http.ts.

export const errorCodes = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid_request",
  "invalid_json",
  "payload_too_large",
  "signature_expired",
  "database_unavailable",
  "database_misconfigured",
  "shutting_down",
  "vod_error",
  "vod_rejected",
  "vod_outcome_unknown",
  "vod_not_configured",
  "conflict",
  "rate_limited",
  "internal",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
