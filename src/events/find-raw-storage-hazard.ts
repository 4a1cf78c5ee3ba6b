// The payload is stored by PostgreSQL parsing the body's own TEXT as jsonb, so the hazards of find-storage-hazard.ts
// must be found in the text, not only in the parsed value: with a duplicate key, JSON.parse keeps the last value
// while PostgreSQL still has to parse the first (a deep array, a \u0000). A different question from isStorableText's:
// the hazards here are JSON escapes (`\u0000`, `\ud800`) that become unstorable characters only once parsed, so
// the text itself is scanned, outside and inside strings, in one linear pass.
import { MAX_NESTING, storageHazards } from "./find-storage-hazard.js";

export function findRawStorageHazard(text: string): string | null {
  // The hot path (issue 13): a body with no "\u" anywhere holds no escape to check, and one with at most MAX_NESTING
  // opening brackets (in strings or not) cannot nest deeper; two native searches answer for nearly every body.
  if (!text.includes("\\u") && !mayNestTooDeep(text)) return null;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) {
        if (text[index + 1] === "u") {
          const code = escapedCode(text, index);
          if (code === 0) return storageHazards.nul;
          // A low half is read together with the high half before it (below), so one met on its own is lone. Looking
          // back for a high half instead would be fooled by text: in "\\ud800\udc00" the "\ud800" is not an escape.
          if (isLow(code)) return storageHazards.loneSurrogate;
          if (isHigh(code)) {
            if (!text.startsWith("\\u", index + 6) || !isLow(escapedCode(text, index + 6)))
              return storageHazards.loneSurrogate;
            index += 6; // on to the low half's "\"; the line below skips its "u"
          }
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
      if (depth > MAX_NESTING) return storageHazards.tooDeep;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth -= 1;
  }
  return null;
}

/** Whether the text holds more than MAX_NESTING opening brackets, counted with indexOf (no loop over every char). */
function mayNestTooDeep(text: string): boolean {
  if (text.length <= MAX_NESTING) return false;
  let count = 0;
  for (const bracket of ["[", "{"]) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      count += 1;
      if (count > MAX_NESTING) return true;
    }
  }
  return false;
}

/** The UTF-16 code unit of the \uXXXX escape whose "\" is at `at`. */
function escapedCode(text: string, at: number): number {
  return Number.parseInt(text.slice(at + 2, at + 6), 16);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
