// One round of VOD's reliable callback (vod-reference.md §4): PullEvents → the same ingest as the callback route
// → ConfirmEvents for the events that were committed, and only those. An event not confirmed within 30 s is
// handed out again (with a new EventHandle), so anything we fail to store comes back; dedupe makes the redelivery
// and several workers pulling at once harmless. Both VOD calls go through callVod, so a failure names VOD's code
// and request id. Both are safe to repeat: a lost PullEvents answer only delays its events by the redelivery
// window, a handle confirmed twice is at worst refused. PullEvents is made once here: the worker's backoff is its
// retry, and an inner schedule would only hold the batch longer.
import { ingestEvent, type IngestDeps, type IngestResult } from "../ingest/ingest-event.js";
import { callVod } from "./call-vod.js";

/** The two SDK methods the worker needs (tencentcloud-sdk-nodejs-vod's Client has them). */
export interface PullClient {
  PullEvents(request: { SubAppId?: number }): Promise<{ EventSet?: Array<object> | null }>;
  ConfirmEvents(request: { EventHandles: string[]; SubAppId?: number }): Promise<unknown>;
}

/** ConfirmEvents takes at most 16 handles per call. */
const CONFIRM_CHUNK = 16;

export interface PullBatchResult {
  pulled: number;
  confirmed: number;
  outcomes: Partial<Record<IngestResult["outcome"], number>>;
  /** Set when some events could not be stored (database down): those are left unconfirmed for redelivery. */
  storeError: unknown;
  /** Set when a ConfirmEvents call failed: its events were stored and will be redelivered as duplicates. */
  confirmError: unknown;
}

export async function pullBatch(
  deps: IngestDeps & { client: PullClient; subAppId?: number },
): Promise<PullBatchResult> {
  const subApp = deps.subAppId ? { SubAppId: deps.subAppId } : {};
  const response = await callVod("PullEvents", () => deps.client.PullEvents(subApp), {
    idempotent: true,
    delaysMs: [],
  });
  const events = response.EventSet ?? [];
  const committed: string[] = [];
  const outcomes: PullBatchResult["outcomes"] = {};
  let storeError: unknown = null;
  // All at once: with a group-commit writer the batch becomes one or a few statements. The SDK has parsed the
  // response; each event object is stored as it came, EventHandle included.
  const settled = await Promise.allSettled(
    events.map((event) => ingestEvent(deps, { raw: JSON.stringify(event), channel: "pull" })),
  );
  settled.forEach((result, index) => {
    if (result.status === "rejected") {
      storeError ??= result.reason;
      return;
    }
    outcomes[result.value.outcome] = (outcomes[result.value.outcome] ?? 0) + 1;
    const handle = (events[index] as { EventHandle?: unknown }).EventHandle;
    if (typeof handle === "string") committed.push(handle);
  });
  let confirmed = 0;
  let confirmError: unknown = null;
  for (let start = 0; start < committed.length; start += CONFIRM_CHUNK) {
    const handles = committed.slice(start, start + CONFIRM_CHUNK);
    try {
      await callVod("ConfirmEvents", () => deps.client.ConfirmEvents({ EventHandles: handles, ...subApp }), {
        idempotent: true,
      });
      confirmed += handles.length;
    } catch (error) {
      // e.g. InvalidParameterValue for a handle past its 30 s: those events come back and are stored as
      // duplicates; the other chunks are still confirmed.
      confirmError = error;
    }
  }
  return { pulled: events.length, confirmed, outcomes, storeError, confirmError };
}
