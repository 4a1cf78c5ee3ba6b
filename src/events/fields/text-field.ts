import { z } from "zod";

// VOD sends "" for "none" ("ProcedureTaskId": "", "CoverUrl": ""), so "" means the same as absent or null.
// Deliberately no trimming: SourceContext is the caller's arbitrary text and must come back byte for byte.
export const textField = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === "" ? null : value));
