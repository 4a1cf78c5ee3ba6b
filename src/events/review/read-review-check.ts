// One check of a review, read from the three shapes VOD sends (docs/vod-events.md §11.3): an AI review subtask
// (AiReviewTask*Result: Status, ErrCode, ErrCodeExt, Output {Confidence, Suggestion, Label, SegmentSet[],
// SegmentSetFileUrl}), a ReviewAudioVideo task's Output or CoverReviewResult (the same fields, plus Form, and no
// Confidence of its own), and a 2017 contentReviewList item (the same in camelCase, segments in `segments`, no
// label). Everything is read leniently: a strange value costs that value, never the review.
import { isPlainObject } from "../is-plain-object.js";
import { readNumber } from "../fields/read-number.js";
import { checkVerdict } from "./check-verdict.js";
import { normaliseLabel } from "./normalise-label.js";
import { readConfidence } from "./read-confidence.js";
import { readReviewText } from "./read-review-text.js";
import { MAX_REVIEW_SEGMENTS, type VodReviewCheck, type VodReviewSegment } from "./vod-review.js";

export interface RawReviewCheck {
  type: string;
  /** The task's own state: PROCESSING | SUCCESS | FAIL (AI and 2017 checks), PROCESSING | FINISH (ReviewAudioVideo). */
  status: unknown;
  errCode: unknown;
  errCodeExt: unknown;
  output: unknown;
  /** Member names: PascalCase (current format) or camelCase (2017). */
  style: "Pascal" | "camel";
  /** The form when the output names none. */
  form: string | null;
}

export interface ReadReviewCheck {
  check: VodReviewCheck;
  /** At most MAX_REVIEW_SEGMENTS of this check, in the order sent. */
  segments: VodReviewSegment[];
}

export function readReviewCheck(raw: RawReviewCheck): ReadReviewCheck {
  const member = (object: Record<string, unknown>, name: string) =>
    object[raw.style === "camel" ? name[0]!.toLowerCase() + name.slice(1) : name];
  const output = isPlainObject(raw.output) ? raw.output : {};
  const status = readReviewText(raw.status)?.toUpperCase() ?? null;
  const errCode = readNumber(raw.errCode);
  const errCodeExt = readReviewText(raw.errCodeExt);
  const failed = status === "FAIL" || errCodeExt !== null || (errCode !== null && errCode !== 0);
  const suggestion = readReviewText(member(output, "Suggestion"))?.toLowerCase() ?? null;
  const form = readReviewText(member(output, "Form")) ?? raw.form;

  const sent = member(output, raw.style === "camel" ? "Segments" : "SegmentSet");
  const items = Array.isArray(sent) ? sent : [];
  const segments: VodReviewSegment[] = [];
  for (const item of items.slice(0, MAX_REVIEW_SEGMENTS)) {
    if (!isPlainObject(item)) continue;
    segments.push({
      check: raw.type,
      startTimeOffset: readConfidence(member(item, "StartTimeOffset")),
      endTimeOffset: readConfidence(member(item, "EndTimeOffset")),
      suggestion: readReviewText(member(item, "Suggestion"))?.toLowerCase() ?? null,
      label: normaliseLabel(member(item, "Label")),
      confidence: readConfidence(member(item, "Confidence")),
      form: readReviewText(member(item, "Form")) ?? form,
      url: readReviewText(member(item, "Url")),
    });
  }

  const check: VodReviewCheck = {
    type: raw.type,
    verdict: checkVerdict({ running: status === "PROCESSING", failed, suggestion }),
    suggestion,
    label: normaliseLabel(member(output, "Label")),
    // A ReviewAudioVideo output has no score of its own: its most suspect segment's stands for it.
    confidence: readConfidence(member(output, "Confidence")) ?? highest(segments.map((s) => s.confidence)),
    form,
    segments: items.length,
    segmentsUrl: readReviewText(member(output, "SegmentSetFileUrl")),
    errCode: errCodeExt ?? (errCode !== null && errCode !== 0 && !Number.isNaN(errCode) ? String(errCode) : null),
  };
  return { check, segments };
}

function highest(values: Array<number | null>): number | null {
  let top: number | null = null;
  for (const value of values) if (value !== null && (top === null || value > top)) top = value;
  return top;
}
