import { fileIdField } from "./fields/file-id-field.js";
import { isPlainObject } from "./is-plain-object.js";

// Best effort, for the timeline of events we do not interpret (kind "other") or could not parse: a FileId/fileId
// on the body or on an object directly under it (v3 "<X>Event" members, legacy "data"). One level only.
const KEYS = ["FileId", "fileId"];

export function findEventFileId(body: Record<string, unknown>): string | null {
  for (const candidate of [body, ...Object.values(body).filter(isPlainObject)]) {
    for (const key of KEYS) {
      if (candidate[key] === undefined) continue;
      const parsed = fileIdField.safeParse(candidate[key]);
      if (parsed.success) return parsed.data;
    }
  }
  return null;
}
