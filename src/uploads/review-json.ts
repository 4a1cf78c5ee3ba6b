// The Upload JSON's `review` (issue 15): the moderation verdict the upload keeps (Upload.review, a VodReview as
// JSON: src/events/review/vod-review.ts), or null when no review was asked for. Written field by field in a fixed
// order, whatever order the jsonb column hands its keys back in, so the object answer and the text answer
// (upload-status-json-text.ts) are the same bytes and a stored value of an unexpected type answers null, never a
// 5xx. `status` is the column the ?review= filter reads (reviewStatus), so the JSON and the filter cannot disagree.
import { z } from "zod";
import { reviewStatuses } from "../events/review/vod-review.js";

const text = () => z.string().nullable();
const score = () => z.number().nullable().describe("VOD's confidence, 0–100 documented; kept as given");

export const reviewJsonSchema = z
  .object({
    status: z
      .enum(reviewStatuses)
      .describe("pending: asked for, not finished; else the most severe check's suggestion (block > review > pass)"),
    checks: z
      .array(
        z.object({
          type: z.string().describe("as VOD names the check: Porn, Terrorism, Political, Porn.Asr, Media, Cover, …"),
          verdict: z.enum(reviewStatuses).describe("what the check contributes to status"),
          suggestion: text().describe("as sent, lower case (pass | review | block, or a value kept as given)"),
          label: text().describe("lower case: porn, sexy, terrorism, …"),
          confidence: score(),
          form: text().describe("Image | OCR | ASR | Voice"),
          segments: z.number().int().describe("how many suspect segments VOD listed for this check"),
          segmentsUrl: text().describe("the file listing all of them, while VOD keeps it"),
          errCode: text().describe("why the check failed; null when it ran"),
        }),
      )
      .describe("every check of the kept review, with its labels"),
    labels: z
      .array(z.object({ label: z.string(), confidence: score() }))
      .describe("every label of every check, once each, with its highest confidence"),
    form: text().describe("the form of the check that decided status"),
    taskId: text().describe("the review task (ReviewAudioVideo or the task flow) that gave the verdict"),
    finishedAt: z.iso.datetime().nullable().describe("when VOD finished the review, when it said; often null"),
    segmentsUrl: text().describe("a file listing every suspect segment, when VOD gives one (it expires)"),
    segments: z
      .array(
        z.object({
          check: z.string(),
          startTimeOffset: z.number().nullable().describe("seconds"),
          endTimeOffset: z.number().nullable().describe("seconds"),
          suggestion: text(),
          label: text(),
          confidence: score(),
          form: text(),
          url: text().describe("the suspect picture, while VOD keeps it"),
        }),
      )
      .describe("suspect stretches of the media, the most severe first (at most 100)"),
  })
  .nullable()
  .describe(
    "the moderation verdict, beside the status and never changing it; a later review replaces an earlier one. " +
      "null when no review was asked for",
  );

export type ReviewJson = z.input<typeof reviewJsonSchema>;

export interface ReviewColumns {
  review: unknown;
  reviewStatus: string | null;
  reviewTaskId: string | null;
}

type Status = (typeof reviewStatuses)[number];

export function reviewJson(upload: ReviewColumns): ReviewJson {
  const stored = record(upload.review);
  const status = asStatus(upload.reviewStatus) ?? asStatus(stored?.["status"]);
  if (status === null) return null;
  const from = stored ?? {};
  return {
    status,
    checks: records(from["checks"]).map((check) => ({
      type: str(check["type"]) ?? "",
      verdict: asStatus(check["verdict"]) ?? "pass",
      suggestion: str(check["suggestion"]),
      label: str(check["label"]),
      confidence: num(check["confidence"]),
      form: str(check["form"]),
      segments: Number.isInteger(check["segments"]) ? (check["segments"] as number) : 0,
      segmentsUrl: str(check["segmentsUrl"]),
      errCode: str(check["errCode"]),
    })),
    labels: records(from["labels"]).flatMap((label) => {
      const name = str(label["label"]);
      return name === null ? [] : [{ label: name, confidence: num(label["confidence"]) }];
    }),
    form: str(from["form"]),
    taskId: str(from["taskId"]) ?? upload.reviewTaskId,
    finishedAt: isoOrNull(from["finishedAt"]),
    segmentsUrl: str(from["segmentsUrl"]),
    segments: records(from["segments"]).map((segment) => ({
      check: str(segment["check"]) ?? "",
      startTimeOffset: num(segment["startTimeOffset"]),
      endTimeOffset: num(segment["endTimeOffset"]),
      suggestion: str(segment["suggestion"]),
      label: str(segment["label"]),
      confidence: num(segment["confidence"]),
      form: str(segment["form"]),
      url: str(segment["url"]),
    })),
  };
}

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value)
    ? value.flatMap((item: unknown): Array<Record<string, unknown>> => {
        const found = record(item);
        return found ? [found] : [];
      })
    : [];
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const asStatus = (value: unknown): Status | null =>
  reviewStatuses.includes(value as Status) ? (value as Status) : null;

function isoOrNull(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
