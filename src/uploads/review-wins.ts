// Whether a review an event reports replaces the one an upload keeps: laterReview's rule (later-review.ts) on the
// kept review as the Upload row holds it (JSON: finishedAt an ISO string). The SQL twin is reviewWins in
// src/db/record-events-sql.ts; test/db/review-rule-sql.test.ts holds the two equal.
import { laterReview } from "../events/review/later-review.js";
import type { VodReview } from "../events/review/vod-review.js";

export function reviewWins(stored: Record<string, unknown> | null, incoming: VodReview | null): incoming is VodReview {
  if (incoming === null) return false;
  if (stored === null) return true;
  const finishedAt = typeof stored["finishedAt"] === "string" ? new Date(stored["finishedAt"]) : null;
  const kept = { ...(stored as unknown as VodReview), finishedAt };
  return laterReview(kept, incoming) === incoming;
}

/** The review as the Upload row keeps it (jsonb): what JSON makes of it, times as ISO strings. */
export function storedReview(review: VodReview): Record<string, unknown> {
  return JSON.parse(JSON.stringify(review)) as Record<string, unknown>;
}
