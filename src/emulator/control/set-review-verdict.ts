// POST /_emulator/review: what the emulated moderation says of a FileId from now on — {fileId, suggestion: pass |
// review | block, label?, confidence?, form?, emit?}. Label and confidence are passed through as given (an unknown
// label, a confidence outside 0-100), so receivers can be tested with what VOD might send. Every later review of the
// file (a review procedure finishing) reaches this verdict; when the file exists and `emit` is not false, a
// ReviewAudioVideo task also runs on it now and ReviewAudioVideoComplete follows, as after VOD's ReviewAudioVideo
// action.
import { z } from "zod";
import type { EmulatorState, ReviewVerdict } from "../emulator-state.js";
import type { EventDispatcher } from "../events/event-dispatcher.js";
import { createReviewTask, finishReviewTask } from "../reviews/review-task-lifecycle.js";

export const reviewVerdictSchema = z.strictObject({
  fileId: z.string().min(1),
  suggestion: z.enum(["pass", "review", "block"]),
  label: z.string().optional(),
  confidence: z.number().optional(),
  form: z.string().optional(),
  emit: z.boolean().optional(),
});

export type ReviewVerdictResult =
  | { ok: true; verdict: ReviewVerdict; taskId: string | null }
  | { ok: false; issues: Array<{ path: PropertyKey[]; message: string }> };

export function setReviewVerdict(state: EmulatorState, events: EventDispatcher, body: unknown): ReviewVerdictResult {
  const parsed = reviewVerdictSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map(({ path, message }) => ({ path, message })) };
  }
  const { fileId, suggestion } = parsed.data;
  const flagged = suggestion !== "pass";
  const verdict: ReviewVerdict = {
    suggestion,
    label: parsed.data.label ?? (flagged ? "Porn" : ""),
    confidence: parsed.data.confidence ?? (flagged ? 95 : 0),
    form: parsed.data.form ?? (flagged ? "Image" : ""),
  };
  state.reviewVerdicts.set(fileId, verdict);
  const media = state.media.get(fileId);
  if (!media || media.deleted || parsed.data.emit === false) return { ok: true, verdict, taskId: null };
  const now = Date.now();
  const task = createReviewTask(state, media, { createdAt: now, finishAt: now, sessionContext: "" });
  state.timers.after(0, () => finishReviewTask(state, events, task, media));
  return { ok: true, verdict, taskId: task.taskId };
}
