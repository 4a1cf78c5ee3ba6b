// The payload is stored by PostgreSQL parsing the body's own TEXT as jsonb, so the hazards of find-storage-hazard.ts
// must be found in the text, not only in the parsed value: with a duplicate key, JSON.parse keeps the last value
// while PostgreSQL still has to parse the first (a deep array, a \u0000). One linear scan, outside and inside strings.
const MAX_NESTING = 1_000;

export function findRawStorageHazard(text: string): string | null {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) {
        if (text[index + 1] === "u") {
          const hazard = escapeHazard(text, index);
          if (hazard) return hazard;
        }
        index += 1; // skip the escaped character
      } else if (char === 0x22 /* " */) {
        inString = false;
      }
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth += 1;
      if (depth > MAX_NESTING) return `nested deeper than ${MAX_NESTING} levels`;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth -= 1;
  }
  return null;
}

/** \u0000, a high surrogate escape not followed by a low one, or a low one not preceded by a high one. */
function escapeHazard(text: string, at: number): string | null {
  const code = Number.parseInt(text.slice(at + 2, at + 6), 16);
  if (code === 0) return "contains \\u0000";
  const isHigh = (value: number) => value >= 0xd800 && value <= 0xdbff;
  const isLow = (value: number) => value >= 0xdc00 && value <= 0xdfff;
  if (isHigh(code)) {
    const next = text.startsWith("\\u", at + 6) ? Number.parseInt(text.slice(at + 8, at + 12), 16) : NaN;
    return isLow(next) ? null : "contains a lone surrogate";
  }
  if (isLow(code)) {
    const previous = text.startsWith("\\u", at - 6) ? Number.parseInt(text.slice(at - 4, at), 16) : NaN;
    return isHigh(previous) ? null : "contains a lone surrogate";
  }
  return null;
}
