import type { ExactDigits } from "../exact-integers.js";
import { fileIdField } from "./file-id-field.js";

// A FileId named anywhere in a body we read leniently: a string fileIdField accepts, a safe non-negative integer,
// or a larger integer whose digits the body's text still has (exact-integers.ts). Anything else names no file.
export function readFileId(value: unknown, exact: ExactDigits): string | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && !Number.isSafeInteger(value))
    return exact(value);
  if (typeof value !== "string" && typeof value !== "number") return null;
  const parsed = fileIdField.safeParse(value);
  return parsed.success ? parsed.data : null;
}
