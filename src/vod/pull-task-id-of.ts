// The pull TaskId of an upload started by POST /v1/uploads/pull (PullUpload's answer): a `pullTaskId` column when
// the row has one, else `metadata.pullTaskId`. null for every other upload.
import type { Upload } from "../db/rows.js";

export function pullTaskIdOf(upload: Upload): string | null {
  const column = (upload as { pullTaskId?: unknown }).pullTaskId;
  if (typeof column === "string" && column) return column;
  const metadata = upload.metadata as Record<string, unknown> | null;
  const kept = metadata && typeof metadata === "object" ? metadata.pullTaskId : undefined;
  return typeof kept === "string" && kept ? kept : null;
}
