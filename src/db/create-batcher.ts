// Batching while busy, for grouped writes and grouped reads (DESIGN §10): requests that arrive while statements are
// in flight are served together by the next statement, and a lone request runs at once — nothing waits for a timer.
// At most maxInFlight batches run at a time (each holds a connection or a place on a pipelined one), and with `overlapAfterMs` a batch beyond
// the first starts only once the running one has taken that long (issue 13): one statement at a time makes the
// biggest groups and costs PostgreSQL the least per request (at 64 connections, 32 per group and ~100 µs each against
// 14 and ~160 with two running at once), while a statement stuck on a lock or a slow disk still cannot hold up the
// requests queued behind it for more than that. The wait may follow how long batches take (a function of their
// moving average): group commit on a pipelined connection sends the next group halfway through the usual time, so
// it is queued in PostgreSQL before the running one commits (group-commit.ts). A finished batch frees its slot
// before its callers are answered, so the next statement runs while they are.
//
// Which requests may share a batch is the caller's rule (`admit`); a request it turns away keeps its place and is
// the first one considered next time, so nobody is overtaken forever. The grab is linear (take-batch.ts).
//
// Every caller gets exactly one outcome: its own result, its own rejection, or the batch's error.
// It does no I/O, yet lives in src/db: it shapes the round trips of the two batched statements (reads here, writes
// for src/ingest, which may import db), and a folder under both would be one more layer for one file.
import { takeBatch, type BatchQueue } from "./take-batch.js";

export interface BatcherOptions<I> {
  /** Largest batch per call of `run`. */
  maxBatch?: number;
  /** Batches running at once. */
  maxInFlight?: number;
  /**
   * A batch beyond the first starts only once the newest running one has run this long (ms); 0: at once. A function
   * is given how long recent batches took (ms, a moving average; 0 before the first) and answers the wait.
   */
  overlapAfterMs?: number | ((recentMs: number) => number);
  /**
   * Opens a batch's admission rule: called once per batch, the function it returns is asked about queued items in
   * order and answers whether each joins this batch (it may remember what joined). The first item always joins.
   * Default: every item fits.
   */
  admit?: () => (item: I) => boolean;
}

/**
 * Answers a batch with one entry per item, in the items' order. An entry may be a promise: that caller then gets its
 * own outcome when the promise settles (a retry of its item alone, say), and the batch keeps its in-flight slot
 * until every such promise has settled. A throw or rejection of `run` itself rejects every caller of the batch.
 */
export type RunBatch<I, O> = (items: I[]) => Promise<ReadonlyArray<O | PromiseLike<O>>>;

interface Waiting<I, O> {
  item: I;
  resolve(result: O | PromiseLike<O>): void;
  reject(error: unknown): void;
}

const everythingFits = () => () => true;

const isPromiseLike = (value: unknown): boolean =>
  typeof value === "object" && value !== null && typeof (value as PromiseLike<unknown>).then === "function";

export function createBatcher<I, O>(run: RunBatch<I, O>, options: BatcherOptions<I> = {}): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  const overlapAfterMs = options.overlapAfterMs ?? 0;
  const admit = options.admit ?? everythingFits;
  const queue: BatchQueue<Waiting<I, O>> = { items: [], head: 0 };
  let inFlight = 0;
  // How long batches take, averaged over about the last five (an exponential moving average).
  let recentMs = 0;
  const overlapNow = typeof overlapAfterMs === "number" ? () => overlapAfterMs : () => overlapAfterMs(recentMs);
  let newestStart = 0;
  let overlapTimer: ReturnType<typeof setTimeout> | null = null;

  const grab = (): Array<Waiting<I, O>> => {
    const fits = admit();
    return takeBatch(queue, maxBatch, (waiting) => fits(waiting.item));
  };

  const execute = async (batch: Array<Waiting<I, O>>): Promise<void> => {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      inFlight -= 1;
      pump();
    };
    const started = performance.now();
    try {
      const results = await run(batch.map((waiting) => waiting.item));
      const took = performance.now() - started;
      recentMs = recentMs === 0 ? took : recentMs * 0.8 + took * 0.2;
      if (results.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
      }
      if (!results.some(isPromiseLike)) release();
      batch.forEach((waiting, index) => waiting.resolve(results[index] as O | PromiseLike<O>));
      await Promise.allSettled(results);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      release();
    }
  };

  const mayStart = (): boolean =>
    inFlight === 0 || (inFlight < maxInFlight && performance.now() - newestStart >= overlapNow());

  const pump = (): void => {
    while (queue.head < queue.items.length && mayStart()) {
      inFlight += 1;
      newestStart = performance.now();
      void execute(grab());
    }
    // Requests still waiting behind a running batch: look again once it has run long enough to allow another.
    if (overlapTimer === null && overlapNow() > 0 && queue.head < queue.items.length && inFlight < maxInFlight) {
      overlapTimer = setTimeout(
        () => {
          overlapTimer = null;
          pump();
        },
        Math.max(overlapNow() - (performance.now() - newestStart), 1),
      );
      overlapTimer.unref?.();
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.items.push({ item, resolve, reject });
      pump();
    });
}
