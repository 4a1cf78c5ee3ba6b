// An UploadOutput row as the status reads give it to the pure rules (OutputRow: src/uploads/output-row.ts): every
// measured field null unless `fields` names it. Shapes: docs/vod-events.md §11.2.
import type { OutputRow } from "../../src/uploads/output-row.js";

export const outputRow = (kind: string, definition: number, fields: Partial<OutputRow> = {}): OutputRow => ({
  kind,
  definition,
  url: null,
  container: null,
  width: null,
  height: null,
  bitrate: null,
  size: null,
  duration: null,
  md5: null,
  drmType: null,
  details: {},
  taskId: null,
  finishedAt: null,
  receivedAt: "2026-11-30T09:10:00.000Z",
  eventId: 1,
  ...fields,
});
