// The linear grab: one pass takes what the rule admits, stops when the batch is full, and leaves what it turned
// away in order at the front. Work is counted as reads and writes of the queue's slots (a Proxy sees every one,
// including those a splice makes when it shifts the rest of the queue), never timed.
import { takeBatch, type BatchQueue } from "../../src/db/take-batch.js";

function countingQueue<T>(entries: T[]) {
  const counter = { touches: 0 };
  const isSlot = (key: string | symbol) => typeof key === "string" && /^\d+$/.test(key);
  const items = new Proxy<Array<T | undefined>>([...entries], {
    get(target, key, receiver) {
      if (isSlot(key)) counter.touches += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
    set(target, key, value, receiver) {
      if (isSlot(key)) counter.touches += 1;
      return Reflect.set(target, key, value, receiver);
    },
    deleteProperty(target, key) {
      if (isSlot(key)) counter.touches += 1;
      return Reflect.deleteProperty(target, key);
    },
  });
  const queue: BatchQueue<T> = { items, head: 0 };
  return { queue, counter };
}

const sameShape = (shapeOf: (entry: number) => number) => {
  let shape: number | undefined;
  return (entry: number) => (shape ??= shapeOf(entry)) === shapeOf(entry);
};

function waiting<T>(queue: BatchQueue<T>): T[] {
  return queue.items.slice(queue.head) as T[];
}

test("a burst of 10,000 entries of 3 shapes is drained with work linear in the burst, in order within each shape", () => {
  const shapeOf = (entry: number) => entry % 3;
  const drain = (size: number) => {
    const entries = Array.from({ length: size }, (_, n) => n);
    const { queue, counter } = countingQueue(entries);
    const batches: number[][] = [];
    while (queue.head < queue.items.length) batches.push(takeBatch(queue, 500, sameShape(shapeOf)));
    for (const batch of batches) expect(new Set(batch.map(shapeOf)).size).toBe(1);
    for (const shape of [0, 1, 2]) {
      const served = batches.flat().filter((entry) => shapeOf(entry) === shape);
      expect(served).toEqual(entries.filter((entry) => shapeOf(entry) === shape));
    }
    return counter.touches;
  };
  const burst = drain(10_000);
  const doubled = drain(20_000);
  // A few touches per entry (look, put back what was turned away, clear the spent slot, trim); a splice per taken
  // entry shifts the whole rest of the queue: quadratic in the burst.
  expect(burst).toBeLessThan(8 * 10_000);
  expect(doubled / burst).toBeLessThan(2.2);
});

test("entries turned away go first next time, ahead of what the pass never reached", () => {
  const { queue } = countingQueue([10, 21, 12, 23, 14, 25, 16]);
  expect(
    takeBatch(
      queue,
      2,
      sameShape((entry) => entry % 2),
    ),
  ).toEqual([10, 12]);
  expect(waiting(queue)).toEqual([21, 23, 14, 25, 16]);
  queue.items.push(27);
  expect(
    takeBatch(
      queue,
      10,
      sameShape((entry) => entry % 2),
    ),
  ).toEqual([21, 23, 25, 27]);
  expect(waiting(queue)).toEqual([14, 16]);
});

test("the first entry looked at joins even when the rule turns it away", () => {
  const { queue } = countingQueue([1, 2, 3]);
  expect(takeBatch(queue, 10, () => false)).toEqual([1]);
  expect(waiting(queue)).toEqual([2, 3]);
});

test("arrivals between grabs are served as a pass over the whole queue would serve them", () => {
  // A fixed-seed Lehmer generator: the same sequence of arrivals and grabs on every run.
  let state = 20_240_612;
  const random = (below: number) => (state = (state * 48_271) % 2_147_483_647) % below;
  const queue: BatchQueue<number> = { items: [], head: 0 };
  let reference: number[] = [];
  const keyOf = (entry: number) => entry % 7;
  const distinctKeys = () => {
    const keys = new Set<number>();
    return (entry: number) => !keys.has(keyOf(entry)) && Boolean(keys.add(keyOf(entry)));
  };
  let arrived = 0;
  let trims = 0;
  for (let step = 0; step < 3_000; step += 1) {
    // More arrivals than grabs can take: the queue grows, so its spent front is trimmed now and then.
    for (let count = random(6); count > 0; count -= 1) {
      queue.items.push(arrived);
      reference.push(arrived);
      arrived += 1;
    }
    if (random(3) === 0 || reference.length === 0) continue;
    const maxBatch = 1 + random(5);
    const fits = distinctKeys();
    const expected: number[] = [];
    const rest: number[] = [];
    for (const entry of reference) {
      if (expected.length < maxBatch && (fits(entry) || expected.length === 0)) expected.push(entry);
      else rest.push(entry);
    }
    reference = rest;
    const headBefore = queue.head;
    expect(takeBatch(queue, maxBatch, distinctKeys())).toEqual(expected);
    expect(waiting(queue).join()).toBe(reference.join());
    if (queue.head < headBefore && reference.length > 0) trims += 1;
  }
  expect(trims).toBeGreaterThan(0);
});
