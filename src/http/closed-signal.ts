// Aborted when the client goes away before its answer is written (a long poll must not outlive its client).
// A response emits "close" after it finished too: only an unfinished one counts.
import type { Response } from "express";

export function closedSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
