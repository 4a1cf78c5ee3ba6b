// Which of two reviews of one file stands (issue 15: "a later review wins over an earlier one, by finish time, as
// task flows do"). The incoming review wins unless:
// - both carry a finish time and the stored one finished later (an old result delivered late), or
// - it is pending and the stored one is a verdict of the same task (a redelivered upload event, or a task flow's
//   PROCESSING report arriving after its FINISH, must not undo the verdict).
// Without finish times (a ReviewAudioVideo task carries none) arrival order decides, like the rest of an upload.
import type { VodReview } from "./vod-review.js";

export function laterReview(stored: VodReview | null, incoming: VodReview | null): VodReview | null {
  if (incoming === null) return stored;
  if (stored === null) return incoming;
  if (incoming.status === "pending" && stored.status !== "pending" && incoming.taskId === stored.taskId) return stored;
  if (incoming.finishedAt !== null && stored.finishedAt !== null && stored.finishedAt > incoming.finishedAt)
    return stored;
  return incoming;
}
