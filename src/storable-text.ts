// Text PostgreSQL can store: a text or jsonb value cannot hold NUL (SQLSTATE 22021, and jsonb's "unsupported
// Unicode escape sequence") and a lone surrogate cannot be encoded as UTF-8. The one predicate for it, the one
// repair, and the zod field that refuses such input as invalid_request instead of failing as a 500.
import { z } from "zod";

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** What cannot be stored becomes U+FFFD: for copies of text whose original is kept elsewhere (the raw event). */
export function toStorableText(value: string): string {
  return value.toWellFormed().replaceAll("\u0000", "\uFFFD");
}

export const storableText = (min: number, max: number) =>
  z.string().min(min).max(max).refine(isStorableText, "must not contain NUL or unpaired surrogates");

/** A time PostgreSQL's timestamptz and JavaScript both hold: years 1970 to 9999. */
export const storableTime = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999, "must be between 1970 and 9999");
