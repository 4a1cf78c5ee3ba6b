// When to try a message again (DESIGN §12; Svix's schedule): the delay before each attempt, the first one
// immediate. After the last attempt fails the message is failed. Each delay is jittered by ±20% so the retries of
// a burst of messages to an endpoint that was down do not all arrive together.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const defaultRetrySchedule: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

const JITTER = 0.2;
/** A Retry-After longer than this is cut to it: an endpoint cannot park a message for days. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * The delay before attempt number `attemptsDone + 1`, or null when the schedule is spent. `retryAfterMs` (an answer
 * 429 or 503 that said when to come back) replaces the scheduled delay, but the attempt still counts.
 */
export function retryDelay(
  schedule: readonly number[],
  attemptsDone: number,
  options: { retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  if (attemptsDone >= schedule.length) return null;
  if (options.retryAfterMs !== undefined && options.retryAfterMs !== null) {
    return Math.min(Math.max(0, options.retryAfterMs), MAX_RETRY_AFTER_MS);
  }
  const base = schedule[attemptsDone] as number;
  const random = options.random ?? Math.random;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from `now`; null when absent or bad. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
