// An ISO-8601 time read leniently (timeField's rule without refusing): anything that is not a readable time string —
// VOD's "0000-00-00T00:00:00Z" included (docs/vod-events.md §11.1) — is null.
export function readTime(value: unknown): Date | null {
  if (typeof value !== "string" || value === "") return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}
