// What one attempt's result means (issue 16 §3): 2xx delivered; 410 Gone disables the endpoint (the receiver said
// it is gone for good) and fails the message, which recover can bring back; anything else — a 3xx (redirects are not
// followed), 4xx, 5xx, no answer, an address refused at delivery — is tried again on the schedule, at the time
// Retry-After names for 429 and 503, until the schedule is spent.
import type { AttemptOutcome } from "../db/record-attempts.js";
import type { PostOutcome } from "./post-notification.js";
import { retryAfterMs, retryDelay } from "./retry-schedule.js";

export interface AttemptDecision {
  outcome: AttemptOutcome;
  messageStatus: "pending" | "delivered" | "failed";
  nextAttemptAt: Date | null;
  disableEndpoint: string | null;
}

export function decideAttempt(
  result: PostOutcome,
  attemptsDone: number,
  schedule: readonly number[],
  options: { now?: number; random?: () => number } = {},
): AttemptDecision {
  const now = options.now ?? Date.now();
  if (result.kind === "answered" && result.status >= 200 && result.status < 300) {
    return { outcome: "delivered", messageStatus: "delivered", nextAttemptAt: null, disableEndpoint: null };
  }
  if (result.kind === "answered" && result.status === 410) {
    return {
      outcome: "disabled",
      messageStatus: "failed",
      nextAttemptAt: null,
      disableEndpoint: "the endpoint answered 410 Gone",
    };
  }
  const retryAfter =
    result.kind === "answered" && (result.status === 429 || result.status === 503)
      ? retryAfterMs(result.retryAfter, now)
      : null;
  const delay = retryDelay(schedule, attemptsDone, { retryAfterMs: retryAfter, ...options });
  if (delay === null) return { outcome: "failed", messageStatus: "failed", nextAttemptAt: null, disableEndpoint: null };
  return {
    outcome: result.kind === "refused" ? "refused" : "retry",
    messageStatus: "pending",
    nextAttemptAt: new Date(now + delay),
    disableEndpoint: null,
  };
}
