// A number as VOD sends it (or as a numeric string, like numericField); null when absent, null or "". A value
// that is present but not a number is NaN, not null: "sent but unreadable" must stay visible to the code that
// decides whether an output can be kept (select-storable-outputs.ts), where null only means "not given".
const NUMERIC_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

export function readNumber(value: unknown): number | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") return value;
  if (typeof value === "string" && NUMERIC_TEXT.test(value)) return Number(value);
  return Number.NaN;
}
