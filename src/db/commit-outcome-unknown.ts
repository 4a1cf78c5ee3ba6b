// The mark a PENDING upload carries while a CommitUpload of its session may have taken effect unseen (its answer
// was lost): `metadata.commitOutcome = "unknown"`. Kept in metadata, not a column, because it lives only until the
// FileId is attached (attach-file-id.ts drops it) and the app backend may as well see why its upload waits.
import type { Upload } from "./generated/client.js";

export const commitOutcomeUnknown = Object.freeze({
  key: "commitOutcome",
  value: "unknown",
  of: (upload: Pick<Upload, "fileId" | "metadata">): boolean =>
    upload.fileId === null && (upload.metadata as Record<string, unknown> | null)?.commitOutcome === "unknown",
});
