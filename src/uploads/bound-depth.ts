// Metadata copied from a VOD body may nest as deep as the body does (a hostile one: 200,000 levels). The upload row
// keeps at most `maxDepth` levels; deeper values become null. The raw event keeps everything.
export function boundDepth<T>(value: T, maxDepth = 16): T {
  if (value === null || typeof value !== "object") return value;
  if (maxDepth <= 0) return null as T;
  if (Array.isArray(value)) return value.map((item) => boundDepth(item, maxDepth - 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, boundDepth(item, maxDepth - 1)])) as T;
}
