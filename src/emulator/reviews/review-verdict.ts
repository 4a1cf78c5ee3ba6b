// The verdict a review of a file reaches: the one POST /_emulator/review set for its FileId, else "pass". Which
// content check (AiContentReviewResult.Type) it concerns follows from its label: Terror… → Terrorism, Polit… →
// Political, anything else → Porn (VOD's ReviewAudioVideo labels: Porn, Terror, Polity, Ad, Illegal, Abuse, Moan).
import type { EmulatorState, ReviewVerdict } from "../emulator-state.js";

export const PASS_VERDICT: ReviewVerdict = Object.freeze({ suggestion: "pass", label: "", confidence: 0, form: "" });

export type ReviewCheck = "Porn" | "Terrorism" | "Political";

export const REVIEW_CHECKS: readonly ReviewCheck[] = ["Porn", "Terrorism", "Political"];

/** A procedure asks for review when its name says so (the emulator has no templates to read): "…Review…". */
export function asksForReview(procedure: string | undefined): boolean {
  return procedure !== undefined && /review/i.test(procedure);
}

export function verdictFor(state: EmulatorState, fileId: string): ReviewVerdict {
  return state.reviewVerdicts.get(fileId) ?? PASS_VERDICT;
}

export function checkOf(verdict: ReviewVerdict): ReviewCheck {
  if (/^terror/i.test(verdict.label)) return "Terrorism";
  if (/^polit/i.test(verdict.label)) return "Political";
  return "Porn";
}
