// Text that reaches PostgreSQL as a parameter: PostgreSQL text cannot hold NUL (SQLSTATE 22021) and a lone
// surrogate cannot be encoded as UTF-8, so such input is refused as invalid_request instead of failing as a 500.
import { z } from "zod";

export const storableText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((value) => !value.includes("\u0000") && value.isWellFormed(), "must not contain NUL or unpaired surrogates");

/** A time PostgreSQL's timestamptz and JavaScript both hold: years 1970 to 9999. */
export const storableTime = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999, "must be between 1970 and 9999");
