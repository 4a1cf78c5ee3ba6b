// The linear grab of create-batcher.ts: one pass over the front of a FIFO queue takes what the caller's rule admits
// and stops as soon as the batch is full; what the rule turned away keeps its order and goes back just before the
// part the pass never reached, so it is considered first next time. The cost is the entries the pass looked at
// (plus an amortised trim), never the whole queue times the batch, as a splice per taken entry was under a burst.

/** Entries wait in items[head..], oldest first; the slots before head are spent. */
export interface BatchQueue<T> {
  items: Array<T | undefined>;
  head: number;
}

/** `fits` answers, in queue order, whether an entry joins this batch; the first entry looked at always joins. */
export function takeBatch<T>(queue: BatchQueue<T>, maxBatch: number, fits: (entry: T) => boolean): T[] {
  const { items } = queue;
  const batch: T[] = [];
  const turnedAway: T[] = [];
  let next = queue.head;
  for (; next < items.length && batch.length < maxBatch; next += 1) {
    const entry = items[next] as T;
    if (fits(entry) || batch.length === 0) batch.push(entry);
    else turnedAway.push(entry);
  }
  const spent = queue.head;
  const head = next - turnedAway.length;
  turnedAway.forEach((entry, index) => (items[head + index] = entry));
  for (let index = spent; index < head; index += 1) items[index] = undefined;
  queue.head = head;
  // Trimmed in place, only once the spent slots outnumber the waiting ones: each entry is moved O(1) times.
  if (head === items.length) {
    items.length = 0;
    queue.head = 0;
  } else if (head > 1024 && head * 2 > items.length) {
    items.copyWithin(0, head);
    items.length -= head;
    queue.head = 0;
  }
  return batch;
}
