// A jsonb column's text as the Upload JSON writes it — JSON.stringify(JSON.parse(text)) — in one pass, without the
// object graph between (issue 13, reads: that round trip was most of the garbage of a page of 50). PostgreSQL
// writes jsonb with a space after every ":" and "," outside strings, escapes strings as JSON.stringify does (\" \\
// \b \f \n \r \t, \u00xx for the other control characters; jsonb holds no NUL and no lone surrogate), and writes
// numbers as stored (numeric keeps 60.50 and 1.0). So dropping the whitespace outside strings gives JSON.stringify's
// bytes whenever every number is already written as JavaScript writes it and no key is an array index (JSON.parse
// puts those first); otherwise this answers null and the caller takes the round trip. test/unit/compact-jsonb-text.test.ts holds the two together on PostgreSQL's own text.

/** The compact text, or null when a number is not in JavaScript's form (then parse and write it). */
export function compactJsonbText(text: string): string | null {
  let out = "";
  let from = 0;
  const end = text.length;
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, stepping over escapes.
      const first = text.charCodeAt(i + 1);
      for (i += 1; i < end; i += 1) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 1;
        else if (d === 0x22) break;
      }
      // A key that starts with a digit may be an array index, which JSON.parse puts first.
      if (first >= 0x30 && first <= 0x39 && isKey(text, i + 1)) return null;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = i + 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < end && isNumberChar(text.charCodeAt(j))) j += 1;
      if (!writtenAsJavaScript(text.slice(i, j))) return null;
      i = j - 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whether the string that ended before `at` is an object key (a ":" follows). */
function isKey(text: string, at: number): boolean {
  while (text.charCodeAt(at) === 0x20) at += 1;
  return text.charCodeAt(at) === 0x3a;
}

// Digits, ".", "e", "E", "+", "-".
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

const PLAIN_INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;

function writtenAsJavaScript(token: string): boolean {
  if (token === "-0") return false; // JSON.stringify(-0) is "0"
  return PLAIN_INTEGER.test(token) || String(Number(token)) === token;
}
