import { z } from "zod";
import { isStorableText } from "../../storable-text.js";

// A FileId is a decimal string of up to ~20 digits (vod-reference §1). A JSON number is accepted only while it is
// a safe integer: a larger one was already rounded by JSON.parse, and a wrong FileId must not reach the database.
export const fileIdField = z.unknown().transform((value, ctx): string => {
  if (typeof value === "string") {
    // Text PostgreSQL cannot store could not name an upload row.
    if (value !== "" && isStorableText(value) && value.length <= 100) return value;
    ctx.addIssue({
      code: "custom",
      message:
        value === ""
          ? "FileId must not be empty"
          : "FileId must be at most 100 characters of storable text (no NUL, no lone surrogate)",
    });
    return z.NEVER;
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  const message =
    value === undefined || value === null
      ? "FileId is required"
      : typeof value === "number"
        ? "FileId is a number JSON cannot carry exactly (not a safe non-negative integer); send it as a string"
        : `FileId must be a string, received ${Array.isArray(value) ? "array" : typeof value}`;
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
});
