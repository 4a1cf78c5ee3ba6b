// What one check contributes to the verdict (verdict-of.ts), from its task state and its suggestion:
// - still running (PROCESSING) → pending;
// - failed (Status FAIL, a non-zero ErrCode, a non-empty ErrCodeExt) → review: nothing vouches for the content,
//   so a person must look, and the file cannot pass on a check that never ran;
// - pass | review | block (any case) → itself;
// - any other suggestion, or none, on a check that finished → review: a value VOD added later, or a payload we do
//   not understand, must neither publish the file (pass) nor hide it (block). The suggestion is kept as sent.
import type { ReviewStatus } from "./vod-review.js";

const SUGGESTIONS = new Set<string>(["pass", "review", "block"]);

export function checkVerdict(check: { running: boolean; failed: boolean; suggestion: string | null }): ReviewStatus {
  if (check.failed) return "review";
  if (check.running) return "pending";
  return check.suggestion !== null && SUGGESTIONS.has(check.suggestion) ? (check.suggestion as ReviewStatus) : "review";
}
