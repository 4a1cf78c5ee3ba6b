// Metadata copied from a VOD body may nest as deep as the body does (a hostile one: 200,000 levels). The upload row
// keeps at most `maxDepth` levels; deeper values become null. The raw event keeps everything.
// Keys are made storable on the way (toStorableText): jsonb refuses NUL and lone surrogates in keys as in values, and
// the replacer of the hot-path statement (record-event.ts) reaches only values.
import { toStorableText } from "../storable-text.js";

export function boundDepth<T>(value: T, maxDepth = 16): T {
  if (value === null || typeof value !== "object") return value;
  if (maxDepth <= 0) return null as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => boundDepth(item, maxDepth - 1)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [toStorableText(key), boundDepth(item, maxDepth - 1)]),
  ) as T;
}
