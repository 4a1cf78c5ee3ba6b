// A timestamptz as PostgreSQL writes it in text → the ISO-8601 form the API promises, byte for byte what
// Date#toISOString gives (milliseconds, Z), without making a Date: the polled reads write up to 5 times per upload.
// PostgreSQL writes "2026-11-30 09:10:00.12+00" (DateStyle ISO, session TimeZone UTC, trailing zeros of the
// fraction dropped; our columns keep milliseconds, Timestamptz(3)). Anything else — another session time zone, a
// finer fraction, years past 9999 or BC — takes pg's own parser and toISOString, as before.
import pg from "pg";

const TIMESTAMPTZ_OID = 1184;
const parsePgTime = pg.types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => Date;
const SPACE = 32;
const DOT = 46;

export function isoTime(text: string): string {
  const length = text.length;
  // "YYYY-MM-DD HH:MM:SS+00" is 22 characters; with ".f" to ".fff", 24 to 26.
  if (
    (length === 22 || (length >= 24 && length <= 26 && text.charCodeAt(19) === DOT)) &&
    text.charCodeAt(10) === SPACE &&
    text.endsWith("+00")
  ) {
    const fraction = length === 22 ? "000" : text.slice(20, length - 3).padEnd(3, "0");
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
  }
  return parsePgTime(text).toISOString();
}
