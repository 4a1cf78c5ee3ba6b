// Text copied from a review payload into the upload's review: read leniently (read-text.ts: "" and null mean
// none), made storable (a NUL or a lone surrogate would fail the jsonb write: storable-text.ts) and bounded, since
// the raw event keeps the original. A label or a URL of more than MAX_REVIEW_TEXT characters is not one VOD sent.
import { toStorableText } from "../../storable-text.js";
import { readText } from "../fields/read-text.js";

export const MAX_REVIEW_TEXT = 2048;

export function readReviewText(value: unknown): string | null {
  const text = readText(value);
  if (text === null) return null;
  // Cut first, then repair: the cut may split a surrogate pair.
  return toStorableText(text.slice(0, MAX_REVIEW_TEXT));
}
