// "Try again later": the database cannot be reached or cannot answer now (503, VOD or the puller delivers again),
// or a statement lost a race on every retry. Not a refusal that only a configuration change cures
// (classifyDatabaseError's "misconfigured"), which keeps its own code all the way to the answer.
import { classifyDatabaseError } from "./classify-database-error.js";

export function isDatabaseUnavailable(error: unknown): boolean {
  const kind = classifyDatabaseError(error)?.kind;
  return kind === "unavailable" || kind === "retryable";
}
