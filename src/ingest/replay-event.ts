// Admin replay (DESIGN §2, §4): a stored event runs again through ingestEvent, channel `replay`, from the body as
// stored — the jsonb value re-serialised (same dedupe key: the key is over the parsed, canonical body), or the text
// kept when jsonb could not hold it. Not re-authenticated: it was, when it arrived (its T has long expired).
// What a replay writes, and when it answers `duplicate`, is explained in src/db/replay-events-sql.ts (replayEventsSql).
import { getVodEvent } from "../db/get-vod-event.js";
import { ingestEvent, type IngestDeps, type IngestResult } from "./ingest-event.js";

export async function replayEvent(deps: IngestDeps, eventId: bigint): Promise<IngestResult> {
  const stored = await getVodEvent(deps.db, eventId);
  const raw = stored.payloadText ?? (stored.payload === null ? null : JSON.stringify(stored.payload));
  if (raw === null) throw new Error(`event ${eventId} has neither payload nor payloadText`);
  return ingestEvent(deps, { raw, channel: "replay", receivedAt: stored.receivedAt, replayOf: stored.id });
}
