// Metadata copied from a VOD body may nest as deep as the body does (a hostile one: 200,000 levels). The upload row
// keeps at most `maxDepth` levels; deeper values become null. The raw event keeps everything.
// Keys are made storable on the way (toStorableText): jsonb refuses NUL and lone surrogates in keys as in values, and
// the replacer of the hot-path statement (record-event.ts) reaches only values.
// A value that already fits (every real one) is returned as it is, not copied: the hot path calls this per event,
// and nothing downstream mutates a patch.
import { isStorableText, toStorableText } from "../storable-text.js";

export function boundDepth<T>(value: T, maxDepth = 16): T {
  return fits(value, maxDepth) ? value : bound(value, maxDepth);
}

function fits(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== "object") return true;
  if (maxDepth <= 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!fits(item, maxDepth - 1)) return false;
    return true;
  }
  // Anything but a plain object (a Date, say) is left to bound(), which turns it into what it always did.
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isStorableText(key) || !fits((value as Record<string, unknown>)[key], maxDepth - 1)) return false;
  }
  return true;
}

function bound<T>(value: T, maxDepth: number): T {
  if (value === null || typeof value !== "object") return value;
  if (maxDepth <= 0) return null as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => bound(item, maxDepth - 1)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [toStorableText(key), bound(item, maxDepth - 1)]),
  ) as T;
}
