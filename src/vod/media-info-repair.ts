// Reconcile's rule for outputs (issue 14, DESIGN §7): when DescribeMediaInfos lists outputs of a file that we do not
// hold — their ProcedureStateChanged was lost, or is older than the 3 days DescribeTaskDetail covers — the repair is
// one event carrying VOD's whole answer: {"EventType": "ReconcileMediaInfo", "Reconcile": {…},
// "ReconcileMediaInfoEvent": {"FileId", "MediaInfo"}}, our own type in VOD's v3 style, which the normaliser
// (src/events/v3/normalise-media-info-reconcile.ts) turns into outputs through the one ingest path, never a direct
// write. The same answer makes the same body, so a repeat is a duplicate; the body holds no time of ours.
//
// "Held" compares what a player or an app would see: the same kind and definition, and the same URL where both name
// one. An output we hold that VOD no longer lists is not removed here: a partial delete does that, by its own event.
import { normaliseMediaInfoReconcile } from "../events/v3/normalise-media-info-reconcile.js";
import type { VodOutput } from "../events/vod-output.js";
import type { VodMediaInfo } from "./find-vod-media.js";

export interface HeldOutput {
  kind: string;
  definition: number;
  url: string | null;
}

export interface MediaInfoRepairBody {
  EventType: "ReconcileMediaInfo";
  Reconcile: { from: "DescribeMediaInfos" };
  ReconcileMediaInfoEvent: { FileId: string; MediaInfo: VodMediaInfo };
  [member: string]: unknown;
}

/** The event to record, or null when VOD lists no output we lack. */
export function mediaInfoRepair(
  fileId: string,
  media: VodMediaInfo,
  held: readonly HeldOutput[],
): MediaInfoRepairBody | null {
  const body: MediaInfoRepairBody = {
    EventType: "ReconcileMediaInfo",
    Reconcile: { from: "DescribeMediaInfos" },
    ReconcileMediaInfoEvent: { FileId: fileId, MediaInfo: media },
  };
  const parsed = normaliseMediaInfoReconcile(body);
  // A body our own parser refuses (no usable FileId) would be stored as invalid and repair nothing.
  if (!parsed.ok) return null;
  const missing = (parsed.value.outputs ?? []).filter((output) => !held.some((known) => same(known, output)));
  return missing.length ? body : null;
}

function same(known: HeldOutput, output: VodOutput): boolean {
  return (
    known.kind === output.kind &&
    known.definition === output.definition &&
    (known.url === null || output.url === null || known.url === output.url)
  );
}
