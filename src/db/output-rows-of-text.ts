// The outputs of a StatusText (status-text.ts): one compact JSON array per UploadOutput row, in the order the
// SELECT writes them, into the pure core's OutputRow. Values of the wrong type (a NaN duration jsonb cannot hold
// as a number, say) become null rather than reach a client.
import type { OutputRow } from "../uploads/output-row.js";

type Row = [
  kind: unknown,
  definition: unknown,
  url: unknown,
  container: unknown,
  width: unknown,
  height: unknown,
  bitrate: unknown,
  size: unknown,
  duration: unknown,
  md5: unknown,
  drmType: unknown,
  details: unknown,
  taskId: unknown,
  finishedAt: unknown,
  receivedAt: unknown,
  eventId: unknown,
];

const text = (value: unknown) => (typeof value === "string" ? value : null);
const number = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

export function outputRowsOfText(json: string | null | undefined): OutputRow[] {
  if (!json) return [];
  return (JSON.parse(json) as Row[]).map((row): OutputRow => {
    const [kind, definition, url, container, width, height, bitrate, size, duration, md5, drmType] = row;
    const [, , , , , , , , , , , details, taskId, finishedAt, receivedAt, eventId] = row;
    return {
      kind: text(kind) ?? "other",
      definition: number(definition) ?? 0,
      url: text(url),
      container: text(container),
      width: number(width),
      height: number(height),
      bitrate: number(bitrate),
      size: number(size),
      duration: number(duration),
      md5: text(md5),
      drmType: text(drmType),
      details:
        typeof details === "object" && details !== null && !Array.isArray(details)
          ? (details as Record<string, unknown>)
          : {},
      taskId: text(taskId),
      finishedAt: text(finishedAt),
      receivedAt: text(receivedAt) ?? "",
      eventId: number(eventId) ?? 0,
    };
  });
}
