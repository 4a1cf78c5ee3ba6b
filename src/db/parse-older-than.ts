// `prune --older-than 90d`: a whole number of hours (h) or days (d), at least one hour: the newest events are still
// being delivered, pulled and replayed. No minutes or seconds, on purpose: `90m` typed for `90d` is refused
// instead of deleting all but the last hour and a half.
import { AppError } from "../errors.js";

export const MIN_RETENTION_MS = 3_600_000;

const UNIT_MS = { h: 3_600_000, d: 86_400_000 } as const;

/** The retention as milliseconds; invalid_request for anything else. */
export function parseOlderThan(text: string): number {
  const match = /^([0-9]{1,6})(h|d)$/.exec(text.trim());
  if (!match) throw new AppError("invalid_request", `--older-than must be a duration like 90d or 12h, not "${text}"`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms < MIN_RETENTION_MS) throw new AppError("invalid_request", `--older-than must be at least 1h, not "${text}"`);
  return ms;
}
