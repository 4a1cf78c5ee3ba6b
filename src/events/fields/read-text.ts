// Lenient reads for members no schema checks (output items, task fields, the bodies of event types we only link):
// a strange value there must cost that value, never the event. VOD sends "" for "none" (text-field.ts).
export function readText(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
