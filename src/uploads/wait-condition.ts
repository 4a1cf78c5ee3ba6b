// When a long poll on an upload ends (GET /v1/uploads/:ref?waitFor=, issue 16 §5): the condition each `waitFor`
// names, read from what the status answer says (status and ready), and the statuses after which it can never hold:
// - uploaded: the file is there — UPLOADED or beyond on the way to a result (PROCESSING, PROCESSED);
// - processed: PROCESSED; playable / publishable: ready.playable / ready.publishable (readiness.ts, publishable.ts);
// - final: nothing more is expected — PROCESSED, FAILED or DELETED.
// FAILED and DELETED end every other wait at once ("unreachable"): waiting on would only run into the timeout. A
// condition that holds wins over that (a FAILED upload with its source URL is playable).
import type { UploadStatus } from "./upload-state.js";

export const waitForLevels = ["uploaded", "processed", "playable", "publishable", "final"] as const;
export type WaitFor = (typeof waitForLevels)[number];

/** met: answer now; unreachable: answer now, it cannot hold any more; waiting: not yet. */
export type WaitState = "met" | "unreachable" | "waiting";

/** What the status answer says that the conditions read. */
export interface WaitFacts {
  status: UploadStatus;
  ready: { playable: boolean; publishable: boolean };
}

const holds: Record<WaitFor, (facts: WaitFacts) => boolean> = {
  uploaded: ({ status }) => status === "UPLOADED" || status === "PROCESSING" || status === "PROCESSED",
  processed: ({ status }) => status === "PROCESSED",
  playable: ({ ready }) => ready.playable,
  publishable: ({ ready }) => ready.publishable,
  final: ({ status }) => status === "PROCESSED" || status === "FAILED" || status === "DELETED",
};

const dead: readonly UploadStatus[] = ["FAILED", "DELETED"];

export function waitCondition(waitFor: WaitFor, facts: WaitFacts): WaitState {
  if (holds[waitFor](facts)) return "met";
  return dead.includes(facts.status) ? "unreachable" : "waiting";
}
