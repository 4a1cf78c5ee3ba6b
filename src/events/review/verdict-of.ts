// The rule of a review's verdict: the most severe of its checks, block > review > pending > pass. One blocking
// check blocks the file whatever the others say; a check still running keeps a file from passing but not from
// being blocked or sent to review by another. A review with no check has no verdict (null).
import type { ReviewStatus } from "./vod-review.js";

export const reviewSeverity: Record<ReviewStatus, number> = { pass: 0, pending: 1, review: 2, block: 3 };

export function verdictOf(verdicts: ReviewStatus[]): ReviewStatus | null {
  let verdict: ReviewStatus | null = null;
  for (const next of verdicts) if (verdict === null || reviewSeverity[next] > reviewSeverity[verdict]) verdict = next;
  return verdict;
}
