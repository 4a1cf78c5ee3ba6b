// FileIds are decimal strings of ~19 digits, well above 2^53 (vod-reference general rules), so a receiver that
// parses them as JS numbers breaks here as it would against VOD.
import { randomInt } from "node:crypto";

export function newFileId(): string {
  let digits = "5";
  while (digits.length < 19) digits += String(randomInt(10));
  return digits;
}
