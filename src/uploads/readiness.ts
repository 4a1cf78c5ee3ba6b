// The two levels of "ready" in the Upload JSON (issue 14), beside the status and never changing it:
// - playable: a player has something to play — the file is there (not PENDING, not DELETED) and it has a source URL
//   or a transcode / adaptive stream with a URL (exactly when choosePlayback answers one);
// - complete: nothing more is coming — the file is there (not PENDING), no task flow is running (not PROCESSING),
//   every task heard of (UploadTask) has status FINISH, and when a task-flow template was asked for (procedure), at
//   least one task or the flow's task id is known (else its first event is still on its way).
// A task that finished with an error still counts as finished: complete says "no more to wait for", not "succeeded".
// The ?ready= list filter is the same rule in SQL (src/db/ready-sql.ts); test/api/ready-filter.test.ts holds the two
// together, test/unit/readiness.test.ts holds playable to choosePlayback.
import { unplayableStatuses } from "./choose-playback.js";
import type { UploadStatus } from "./upload-state.js";

export interface Ready {
  playable: boolean;
  complete: boolean;
}

export interface ReadinessFacts {
  status: UploadStatus;
  mediaUrl: string | null;
  procedure: string | null;
  procedureTaskId: string | null;
  /** Whether any stored output serves playback (servesPlayback). */
  playableOutputs: boolean;
  /** The status of every task heard of on the file. */
  taskStatuses: readonly string[];
}

/** The ?ready= list filter's levels; publishable is publishable.ts's rule, on top of playable. */
export const readyLevels = ["playable", "complete", "publishable"] as const;
export type ReadyLevel = (typeof readyLevels)[number];

export function readiness(facts: ReadinessFacts): Ready {
  const playable = !unplayableStatuses.includes(facts.status) && (!!facts.mediaUrl || facts.playableOutputs);
  const complete =
    facts.status !== "PENDING" &&
    facts.status !== "PROCESSING" &&
    facts.taskStatuses.every((status) => status === "FINISH") &&
    (facts.procedure === null || facts.procedureTaskId !== null || facts.taskStatuses.length > 0);
  return { playable, complete };
}
