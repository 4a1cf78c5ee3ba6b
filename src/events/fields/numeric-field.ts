import { z } from "zod";

// VOD's SDK types these as numbers, but values have been seen as strings in other Tencent callbacks; a number
// or a numeric string is accepted, "" counts as absent (VOD's "none"), anything else is a wrongly typed field.
const NUMERIC_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export const numericField = z.preprocess((value) => {
  if (value === undefined || value === "") return null;
  if (typeof value === "string" && NUMERIC_TEXT.test(value)) return Number(value);
  return value;
}, z.number().nullable());
