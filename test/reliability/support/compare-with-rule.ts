// The oracle of the crash and storm tests: fold each file's stored events through the pure rule
// (normaliseEvent + applyEvent), each with the arrival time its VodEvent row recorded, and compare with the stored
// Upload. updatedAt is left out: it is the arrival time of whichever event committed last, which concurrency
// decides. Everything else must be equal, field by field.
import { normaliseEvent } from "../../../src/events/normalise-event.js";
import type { Db } from "../../../src/db/db.js";
import { uploadStateOf } from "../../../src/db/upload-state-of.js";
import { applyEvent } from "../../../src/uploads/apply-event.js";
import type { UploadState } from "../../../src/uploads/upload-state.js";
import { diffUploadState } from "../../support/diff-upload-state.js";
import type { PlannedEvent } from "./event-plan.js";

export interface RuleComparison {
  files: number;
  mismatches: string[];
}

/** `events` in the order the rule should see them (any order gives the same state for planEvents' streams). */
export async function compareWithRule(db: Db, events: readonly PlannedEvent[]): Promise<RuleComparison> {
  const rows = await db.prisma.vodEvent.findMany({ select: { dedupeKey: true, receivedAt: true } });
  const receivedAt = new Map(rows.map((row) => [row.dedupeKey, row.receivedAt]));
  const expected = new Map<string, UploadState>();
  for (const event of events) {
    const at = receivedAt.get(event.key);
    if (!at) continue; // not stored: the caller's counts report it
    const normalised = normaliseEvent(event.body);
    if (!normalised.ok) throw new Error(`planned event does not normalise: ${JSON.stringify(normalised.issues)}`);
    expected.set(
      event.fileId,
      applyEvent(expected.get(event.fileId) ?? null, normalised.event, { fileId: event.fileId, receivedAt: at }),
    );
  }
  const uploads = await db.prisma.upload.findMany();
  const stored = new Map(uploads.map((row) => [row.fileId ?? row.id, uploadStateOf(row)]));
  const mismatches: string[] = [];
  for (const [fileId, state] of expected) {
    const actual = stored.get(fileId);
    if (!actual) {
      mismatches.push(`${fileId}: no Upload row`);
      continue;
    }
    mismatches.push(...diffUploadState(fileId, state, actual, ["updatedAt"]));
  }
  for (const fileId of stored.keys())
    if (!expected.has(fileId)) mismatches.push(`${fileId}: Upload row no stored event explains`);
  return { files: expected.size, mismatches };
}
