// A moderation verdict on a file, as the review readers make it from every format VOD sends one in (issue 15):
// ReviewAudioVideoComplete (read-review-v3.ts), a task flow's AiContentReviewResultSet (read-ai-content-review.ts)
// and the 2017 format's contentReviewList (read-review-legacy.ts). Pure data: no I/O. Where each field comes from:
// docs/vod-events.md §11.3 and test/fixtures/SOURCES.md.

/** pending: asked for, not finished. pass | review | block: VOD's suggestions (pass, human review, block). */
export const reviewStatuses = ["pending", "pass", "review", "block"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** One check of a review: an AiContentReviewResult (Porn, Terrorism, Porn.Asr, …), the media or the cover of a
 *  ReviewAudioVideo task (Media | Cover, the SDK's ReviewContents), a 2017 contentReviewList task (Porn). */
export interface VodReviewCheck {
  /** As VOD names it. */
  type: string;
  /** What the check contributes to the verdict (verdict-of.ts). */
  verdict: ReviewStatus;
  /** As sent, lower-cased ("pass", "review", "block", or a value we do not know, kept); null when not sent. */
  suggestion: string | null;
  /** Lower case (normalise-label.ts); null when not sent. */
  label: string | null;
  /** VOD's score (0–100 documented), kept as given even outside that range; null when absent or not a number. */
  confidence: number | null;
  /** Image | OCR | ASR | Voice as sent; for an AI check without one, taken from its Type (Porn.Asr → ASR). */
  form: string | null;
  /** How many suspect segments VOD listed for this check (it lists at most 10 or 100: the file holds them all). */
  segments: number;
  segmentsUrl: string | null;
  /** ErrCodeExt, or a non-zero ErrCode, when the check failed. */
  errCode: string | null;
}

export interface VodReviewLabel {
  label: string;
  /** The highest confidence VOD gave the label in this review. */
  confidence: number | null;
}

/** A suspect stretch of the media (times in seconds). */
export interface VodReviewSegment {
  check: string;
  startTimeOffset: number | null;
  endTimeOffset: number | null;
  suggestion: string | null;
  label: string | null;
  confidence: number | null;
  form: string | null;
  /** The suspect picture, while VOD keeps it (PicUrlExpireTime). */
  url: string | null;
}

export interface VodReview {
  /** The most severe among the checks: block > review > pending > pass. */
  status: ReviewStatus;
  checks: VodReviewCheck[];
  /** Every label of every check (and segment), once each. */
  labels: VodReviewLabel[];
  /** The form of the check that decided the status. */
  form: string | null;
  taskId: string | null;
  /** When VOD finished the review, when the payload says (a task flow's latest subtask FinishTime); the review
   *  task itself carries no time, so null is common. */
  finishedAt: Date | null;
  /** The file listing every suspect segment, when VOD gives one (it expires: SegmentSetFileUrlExpireTime). */
  segmentsUrl: string | null;
  /** At most MAX_REVIEW_SEGMENTS, the most severe first kept, in the order sent. */
  segments: VodReviewSegment[];
}

/** VOD lists at most 100 segments per check; a review of ten checks could carry a thousand. */
export const MAX_REVIEW_SEGMENTS = 100;
