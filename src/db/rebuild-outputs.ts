// The backfill of issue 14 (`vod-tracker rebuild-outputs`): outputs, tasks, links and missing session fields
// re-derived from the events stored before the hot path kept them. The caller derives each event's patch with the
// hot path's own code (the command passes ingest's prepareEvent); this walks the stored events by id, in batches,
// and writes with rebuild-outputs-sql.ts. Read: events that were applied or ignored (an `ignored` edit or compose
// may name files now), not admin replays (the replayed event is read itself). Safe while the service runs: each
// statement is short, rows only move forward by the order of results (output-steps-sql.ts), and a deadlock with
// the hot path is run again (retry-on-conflict.ts). Safe to run twice: the second run writes nothing.
import type { Db } from "./db.js";
import { outputRecords, taskRecords, derivedFromRecord } from "./output-records.js";
import { rebuildOutputsStatement, type RebuildSteps } from "./rebuild-outputs-sql.js";
import { retryOnConflict } from "./retry-on-conflict.js";
import type { UploadPatch } from "../uploads/upload-patch.js";
import { toStorableText } from "../storable-text.js";

export interface StoredEvent {
  id: bigint;
  channel: string;
  fileId: string | null;
  receivedAt: Date;
  /** The body: the jsonb payload as PostgreSQL writes it (big numbers keep their digits), or payloadText. */
  raw: string;
}

export interface RebuildCounts {
  events: number;
  /** Events whose body could not be read again (each is still stored; the count is for the summary). */
  unreadable: number;
  outputs: number;
  tasks: number;
  deleted: number;
  links: number;
  /** Uploads given session fields or derivedFrom they lacked. */
  filled: number;
}

export interface RebuildOptions {
  batchSize: number;
  /** Only events with a larger id. */
  sinceId: bigint;
  /** The patch the hot path would make of the event; throws or returns null when it makes none. */
  derive: (event: StoredEvent) => UploadPatch | null;
  onBatch?: (batch: RebuildCounts & { firstId: bigint; lastId: bigint }) => void;
}

interface Derived {
  event: StoredEvent;
  patch: UploadPatch;
}

export async function rebuildOutputs(db: Db, options: RebuildOptions): Promise<RebuildCounts & { lastId: bigint }> {
  const total = emptyCounts();
  let lastId = options.sinceId;
  for (;;) {
    const events = await listStoredEvents(db, lastId, options.batchSize);
    const first = events[0];
    if (!first) return { ...total, lastId };
    const batch = { ...emptyCounts(), events: events.length };
    let segment: Derived[] = [];
    for (const event of events) {
      const patch = deriveSafely(options.derive, event);
      if (patch === undefined) batch.unreadable += 1;
      if (!patch) continue;
      // A partial delete goes alone, after the events before it (rebuild-outputs-sql.ts).
      const deletes = patch.files.some((file) => file.deletedParts?.length);
      if (deletes) {
        add(batch, await writeSegment(db, segment));
        segment = [];
      }
      segment.push({ event, patch });
      if (deletes) {
        add(batch, await writeSegment(db, segment));
        segment = [];
      }
    }
    add(batch, await writeSegment(db, segment));
    lastId = events[events.length - 1]!.id;
    add(total, batch);
    options.onBatch?.({ ...batch, firstId: first.id, lastId });
    if (events.length < options.batchSize) return { ...total, lastId };
  }
}

/** undefined: the body could not be derived (unreadable); null: it names nothing to write. */
function deriveSafely(derive: RebuildOptions["derive"], event: StoredEvent): UploadPatch | null | undefined {
  try {
    return derive(event);
  } catch {
    return undefined;
  }
}

async function listStoredEvents(db: Db, afterId: bigint, limit: number): Promise<StoredEvent[]> {
  const { rows } = await db.pool.query<{
    id: string;
    channel: string;
    fileId: string | null;
    receivedAt: Date;
    raw: string | null;
  }>(
    `SELECT id::text, channel, "fileId", "receivedAt", coalesce(payload::text, "payloadText") AS raw FROM "VodEvent"
     WHERE id > $1 AND outcome IN ('applied', 'ignored') AND "replayOf" IS NULL ORDER BY id LIMIT $2`,
    [afterId.toString(), limit],
  );
  return rows.flatMap((row) => (row.raw === null ? [] : [{ ...row, id: BigInt(row.id), raw: row.raw }]));
}

async function writeSegment(
  db: Db,
  segment: readonly Derived[],
): Promise<Omit<RebuildCounts, "events" | "unreadable">> {
  const none = { outputs: 0, tasks: 0, deleted: 0, links: 0, filled: 0 };
  if (segment.length === 0) return none;
  const steps: RebuildSteps = { outputs: false, tasks: false, deletes: false };
  const items: object[] = [];
  const files: object[] = [];
  const outputs: object[] = [];
  const tasks: object[] = [];
  segment.forEach(({ event, patch }, i) => {
    items.push({
      i,
      eventId: event.id.toString(),
      receivedAt: event.receivedAt,
      eventFileId: event.fileId,
      kind: patch.kind,
      sessionContext: patch.media.sessionContext,
      sessionId: patch.media.sessionId,
    });
    const derivedFrom = patch.derivedFrom ? derivedFromRecord(patch.derivedFrom) : null;
    for (const file of patch.files) {
      const linkOnly = file.linkOnly === true || patch.kind === "link";
      files.push({
        i,
        fileId: file.fileId,
        linkOnly,
        derivedFrom: linkOnly ? null : derivedFrom,
        deletedParts: file.deletedParts,
      });
      if (file.deletedParts?.length) steps.deletes = true;
    }
    outputs.push(...outputRecords(patch.outputs, i, event.receivedAt));
    tasks.push(...taskRecords(patch.tasks, i));
  });
  steps.outputs = outputs.length > 0;
  steps.tasks = tasks.length > 0;
  // Extracted values are made storable, as the hot path's (record-event.ts); the raw event is untouched.
  const param = JSON.stringify({ items, files, outputs, tasks }, (_key, value: unknown) =>
    typeof value === "string" ? toStorableText(value) : value,
  );
  const { rows } = await retryOnConflict(() => db.pool.query<typeof none>(rebuildOutputsStatement(steps), [param]));
  return rows[0] ?? none;
}

function emptyCounts(): RebuildCounts {
  return { events: 0, unreadable: 0, outputs: 0, tasks: 0, deleted: 0, links: 0, filled: 0 };
}

function add(to: Partial<RebuildCounts>, from: Partial<RebuildCounts>): void {
  for (const key of Object.keys(from) as Array<keyof RebuildCounts>) {
    to[key] = (to[key] ?? 0) + (from[key] ?? 0);
  }
}
