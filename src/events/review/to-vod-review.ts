// A review from its checks: the verdict (verdict-of.ts), every label once with its highest confidence, the form
// and segment file of the check that decided, and the suspect segments bounded to MAX_REVIEW_SEGMENTS — the most
// severe kept first (a block segment is what an app shows a moderator), then put back in the order VOD sent them.
import { storableDate } from "../fields/storable-date.js";
import { reviewSeverity, verdictOf } from "./verdict-of.js";
import type { ReadReviewCheck } from "./read-review-check.js";
import { MAX_REVIEW_SEGMENTS, type ReviewStatus, type VodReview, type VodReviewLabel } from "./vod-review.js";

export function toVodReview(
  read: ReadReviewCheck[],
  task: { taskId: string | null; finishedAt: Date | null },
): VodReview | null {
  const status = verdictOf(read.map(({ check }) => check.verdict));
  if (status === null) return null;
  const checks = read.map(({ check }) => check);
  const deciding = checks.find((check) => check.verdict === status)!;

  const labels = new Map<string, VodReviewLabel>();
  const addLabel = (label: string | null, confidence: number | null) => {
    if (label === null) return;
    const known = labels.get(label);
    if (known === undefined) labels.set(label, { label, confidence });
    else if (confidence !== null && (known.confidence === null || confidence > known.confidence))
      known.confidence = confidence;
  };
  for (const { check, segments } of read) {
    addLabel(check.label, check.confidence);
    for (const segment of segments) addLabel(segment.label, segment.confidence);
  }

  const all = read.flatMap(({ segments }) => segments);
  const severity = (suggestion: string | null) =>
    suggestion === "block" || suggestion === "review" || suggestion === "pass"
      ? reviewSeverity[suggestion as ReviewStatus]
      : reviewSeverity.review;
  const kept = new Set(
    all
      .map((segment, index) => ({ index, severity: severity(segment.suggestion) }))
      .sort((a, b) => b.severity - a.severity || a.index - b.index)
      .slice(0, MAX_REVIEW_SEGMENTS)
      .map(({ index }) => index),
  );

  return {
    status,
    checks,
    labels: [...labels.values()],
    form: deciding.form,
    taskId: task.taskId,
    finishedAt: storableDate(task.finishedAt),
    segmentsUrl: deciding.segmentsUrl ?? checks.find((check) => check.segmentsUrl !== null)?.segmentsUrl ?? null,
    segments: all.filter((_, index) => kept.has(index)),
  };
}
