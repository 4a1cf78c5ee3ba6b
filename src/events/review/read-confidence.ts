// A score (confidence, segment times) kept as VOD gave it, outside 0–100 included: a number, or a numeric string
// ("98.5"), as numeric-field.ts reads numbers everywhere. Anything else, and a number JSON.parse made infinite
// (1e999), is null: it could not be compared or stored, and the raw event keeps what was sent.
import { readNumber } from "../fields/read-number.js";

export function readConfidence(value: unknown): number | null {
  const number = readNumber(value);
  return number !== null && Number.isFinite(number) ? number : null;
}
