// The third level of `ready` (issue 15), beside the status and never changing it: publishable = playable and the
// moderation allows it — the review's verdict is pass, or no review was asked for (reviewStatus null). A review
// still pending, or one that says review (a human should look) or block, holds publishing back. Apps that publish
// user videos gate on this one flag. The ?ready=publishable list filter is the same rule in SQL
// (src/db/ready-sql.ts); test/api/review-filters.test.ts holds the two together.
import type { ReviewStatus } from "../events/review/vod-review.js";

export function isPublishable(playable: boolean, reviewStatus: ReviewStatus | null): boolean {
  return playable && (reviewStatus === null || reviewStatus === "pass");
}
