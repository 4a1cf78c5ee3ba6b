// Ranks only rise (DESIGN §3): an event never lowers a status, so duplicates and out-of-order deliveries are safe.
// PROCESSED and FAILED share a rank: between them the later task result wins (see apply-event.ts).
import type { UploadStatus } from "./upload-state.js";

export const statusRank: Readonly<Record<UploadStatus, number>> = {
  PENDING: 0,
  UPLOADED: 1,
  PROCESSING: 2,
  PROCESSED: 3,
  FAILED: 3,
  DELETED: 4,
};

/** Task-flow progress: nothing known < running < finished. Any status other than FINISH counts as running. */
export function procedureRank(procedureStatus: string | null): number {
  if (procedureStatus === null) return 0;
  return procedureStatus === "FINISH" ? 2 : 1;
}
