// JSON.parse rounds an integer above 2^53 (ComposeMediaComplete's example sends its output "FileId" as a bare
// 19-digit number, docs/vod-events.md §11.4), and Node 20's JSON.parse gives a reviver no source text. The digits
// survive only in the body's text: this scans it once, on first use, for integer literals outside strings that
// JavaScript cannot hold exactly, and answers the digits behind a rounded value. Two different literals rounding to
// the same value make the answer ambiguous: null then, never a guess (a wrong FileId would name another file). So
// are digits written exactly as JavaScript writes the rounded value (5285485487985272000): such text may itself be
// a parsed body written out again (a pulled or replayed event, a test), whose digits are the rounded ones.

export type ExactDigits = (value: number) => string | null;

export function createExactIntegers(rawText: string | undefined): ExactDigits {
  let found: Map<number, string | null> | null = null;
  return (value) => {
    if (rawText === undefined || !Number.isInteger(value) || Number.isSafeInteger(value)) return null;
    found ??= scan(rawText);
    const digits = found.get(value) ?? null;
    return digits === String(value) ? null : digits;
  };
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;

function scan(text: string): Map<number, string | null> {
  const found = new Map<number, string | null>();
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = afterString(text, i + 1);
      continue;
    }
    if (code !== MINUS && !isDigit(code)) {
      i += 1;
      continue;
    }
    const start = code === MINUS ? i + 1 : i;
    let end = start;
    while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
    let after = end;
    while (after < text.length && /[0-9.eE+-]/.test(text.charAt(after))) after += 1;
    // Only a plain non-negative integer gives digits; a fraction or an exponent of the same value (2e18) still
    // counts, as a literal with other digits, so that the value becomes ambiguous.
    if (code !== MINUS && after - start > 15) {
      const value = Number(text.slice(start, after));
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        const digits = after === end ? text.slice(start, end) : null;
        const known = found.get(value);
        found.set(value, known === undefined || known === digits ? digits : null);
      }
    }
    i = Math.max(after, i + 1);
  }
  return found;
}

function afterString(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 2;
    else if (code === QUOTE) return i + 1;
    else i += 1;
  }
  return i;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
