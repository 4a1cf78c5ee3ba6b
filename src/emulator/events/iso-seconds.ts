// VOD writes times as ISO 8601 UTC without fractions ("2019-01-09T16:36:22Z", vod-reference §1.3).
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
