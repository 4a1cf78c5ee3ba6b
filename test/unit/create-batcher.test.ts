// The batching primitive under grouped reads and group commit: a lone request runs at once, the requests that
// arrive meanwhile share the next batches (never more than maxInFlight at a time, only what the caller's rule
// admits), a request turned away goes first next time, and every caller gets exactly one outcome of its own.
import { createBatcher, type BatcherOptions } from "../../src/db/create-batcher.js";

function recorder(options: { fail?: (items: string[]) => boolean } = {}) {
  const batches: string[][] = [];
  let inFlight = 0;
  let maxSeen = 0;
  const run = async (items: string[]) => {
    batches.push(items);
    inFlight += 1;
    maxSeen = Math.max(maxSeen, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    if (options.fail?.(items)) throw new Error(`batch of ${items.join(",")} failed`);
    return items.map((item) => `answer to ${item}`);
  };
  return { run, batches, maxInFlight: () => maxSeen };
}

/** A batch holds one shape: that of the oldest request waiting. `visits` counts the requests the rule was asked about. */
function sameShape(shapeOf: (item: string) => string, counter = { visits: 0 }): BatcherOptions<string>["admit"] {
  return () => {
    let shape: string | undefined;
    return (item) => {
      counter.visits += 1;
      shape ??= shapeOf(item);
      return shapeOf(item) === shape;
    };
  };
}

/** A batch never holds one key twice, as group commit's "no dedupe key or FileId twice". */
function distinctKeys(keyOf: (item: string) => string): BatcherOptions<string>["admit"] {
  return () => {
    const keys = new Set<string>();
    return (item) => !keys.has(keyOf(item)) && Boolean(keys.add(keyOf(item)));
  };
}

const firstLetter = (item: string) => item[0] as string;

test("a lone request is run at once, alone", async () => {
  const { run, batches } = recorder();
  const read = createBatcher(run);
  await expect(read("a")).resolves.toBe("answer to a");
  expect(batches).toEqual([["a"]]);
});

test("requests arriving while batches are busy share the next ones, and each gets its own answer", async () => {
  const { run, batches, maxInFlight } = recorder();
  const read = createBatcher(run, { maxInFlight: 2 });
  const items = Array.from({ length: 100 }, (_, n) => `r${n}`);
  const answers = await Promise.all(items.map(read));
  expect(answers).toEqual(items.map((item) => `answer to ${item}`));
  expect(batches).toEqual([["r0"], ["r1"], items.slice(2)]);
  expect(maxInFlight()).toBe(2);
});

test("a batch never exceeds maxBatch nor holds what the rule turns away", async () => {
  const { run, batches } = recorder();
  const read = createBatcher(run, { maxInFlight: 1, maxBatch: 3, admit: sameShape(firstLetter) });
  await Promise.all(["a1", "b1", "a2", "b2", "a3", "a4", "a5", "b3"].map(read));
  expect(batches).toEqual([["a1"], ["b1", "b2", "b3"], ["a2", "a3", "a4"], ["a5"]]);
});

test("a request turned away goes first in the next batch, ahead of later arrivals, in its order", async () => {
  const { run, batches } = recorder();
  const read = createBatcher(run, { maxInFlight: 1, admit: distinctKeys(firstLetter) });
  await Promise.all(["x0", "a1", "a2", "b1", "a3", "b2", "c1"].map(read));
  expect(batches).toEqual([["x0"], ["a1", "b1", "c1"], ["a2", "b2"], ["a3"]]);
});

test("a burst of 10,000 requests of 3 shapes is grabbed with work linear in the burst, in order within each shape", async () => {
  const drain = async (size: number) => {
    const { run, batches } = recorder();
    const counter = { visits: 0 };
    const shapeOf = (item: string) => `shape${Number(item.slice(1)) % 3}`;
    const read = createBatcher(run, { maxInFlight: 1, admit: sameShape(shapeOf, counter) });
    const items = Array.from({ length: size }, (_, n) => `r${n}`);
    const answers = await Promise.all(items.map(read));
    expect(answers).toEqual(items.map((item) => `answer to ${item}`));
    for (const batch of batches) expect(new Set(batch.map(shapeOf)).size).toBe(1);
    for (const shape of ["shape0", "shape1", "shape2"]) {
      const served = batches.flat().filter((item) => shapeOf(item) === shape);
      expect(served).toEqual(items.filter((item) => shapeOf(item) === shape));
    }
    return counter.visits;
  };
  const burst = await drain(10_000);
  const doubled = await drain(20_000);
  // Each batch looks only at what it takes and what it turns away ahead of that: about 3 visits per request with
  // 3 shapes interleaved. A scan of the whole queue per batch grows with the square of the burst.
  expect(burst).toBeLessThan(4 * 10_000);
  expect(doubled / burst).toBeLessThan(2.2);
});

test("a failing batch rejects only its own callers; the other batches answer theirs", async () => {
  const { run } = recorder({ fail: (items) => items.some((item) => item.startsWith("b")) });
  const read = createBatcher(run, { maxInFlight: 1, admit: sameShape(firstLetter) });
  const items = ["a0", "a1", "b1", "a2", "b2", "c1", "b3", "c2"];
  const settled = await Promise.allSettled(items.map(read));
  expect(settled.map((outcome) => outcome.status)).toEqual(
    items.map((item) => (item.startsWith("b") ? "rejected" : "fulfilled")),
  );
  await expect(read("b4")).rejects.toThrow();
  await expect(read("after")).resolves.toBe("answer to after");
});

test("a promise in a batch's answer settles only its own caller, and the batch keeps its slot until it settles", async () => {
  const batches: string[][] = [];
  let releaseSlow: () => void = () => undefined;
  const slow = new Promise<string>((resolve) => (releaseSlow = () => resolve("slow answer")));
  const read = createBatcher(
    async (items: string[]) => {
      batches.push(items);
      return items.map((item) =>
        item === "bad" ? Promise.reject(new Error("only this one")) : item === "slow" ? slow : `answer to ${item}`,
      );
    },
    { maxInFlight: 1 },
  );
  const first = read("first");
  const group = [read("bad"), read("ok"), read("slow")];
  await expect(first).resolves.toBe("answer to first");
  await expect(group[0]).rejects.toThrow("only this one");
  await expect(group[1]).resolves.toBe("answer to ok");
  const later = read("later");
  await new Promise((resolve) => setImmediate(resolve));
  expect(batches).toEqual([["first"], ["bad", "ok", "slow"]]);
  releaseSlow();
  await expect(group[2]).resolves.toBe("slow answer");
  await expect(later).resolves.toBe("answer to later");
  expect(batches).toEqual([["first"], ["bad", "ok", "slow"], ["later"]]);
});

test("a batch answered with the wrong number of results rejects each of its callers instead of leaving one waiting", async () => {
  const read = createBatcher(async (items: string[]) => items.slice(1), { maxInFlight: 1 });
  const settled = await Promise.allSettled(["a", "b", "c"].map(read));
  expect(settled.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
});

test("a run that throws before it awaits rejects its callers and the next batch still runs", async () => {
  let calls = 0;
  const read = createBatcher((items: string[]) => {
    calls += 1;
    if (calls === 1) throw new Error("thrown at once");
    return Promise.resolve(items);
  });
  await expect(read("first")).rejects.toThrow();
  await expect(read("second")).resolves.toBe("second");
});

/** A run whose batches finish only when the test says so: finish(n) answers the n-th batch. */
function heldRuns(log: string[]) {
  const finishers: Array<() => void> = [];
  const run = (items: string[]) => {
    log.push(`start ${items.join(",")}`);
    return new Promise<string[]>((resolve) => finishers.push(() => resolve(items.map((item) => `answer to ${item}`))));
  };
  return { run, finish: (n: number) => finishers[n]?.() };
}

test("with overlapAfterMs, requests behind a running batch wait for it, unless it runs longer than that", async () => {
  const log: string[] = [];
  const { run, finish } = heldRuns(log);
  const read = createBatcher(run, { maxInFlight: 2, overlapAfterMs: 40 });
  const first = read("a");
  const queued = [read("b"), read("c")];
  await new Promise((resolve) => setTimeout(resolve, 10));
  // One statement at a time while the running one is quick: b and c wait to share the next batch.
  expect(log).toEqual(["start a"]);
  await new Promise((resolve) => setTimeout(resolve, 60));
  // The first has run 70 ms, longer than 40: the waiting requests no longer wait for it.
  expect(log).toEqual(["start a", "start b,c"]);
  finish(1);
  await expect(Promise.all(queued)).resolves.toEqual(["answer to b", "answer to c"]);
  finish(0);
  await expect(first).resolves.toBe("answer to a");
});

test("with overlapAfterMs as a function, the wait follows how long recent batches took", async () => {
  const log: string[] = [];
  const { run, finish } = heldRuns(log);
  const recents: number[] = [];
  const read = createBatcher(run, {
    maxInFlight: 2,
    overlapAfterMs: (recentMs) => {
      recents.push(recentMs);
      return recentMs / 2;
    },
  });
  // Before any batch has finished there is nothing to go by: the wait is 0 and a second batch starts at once.
  const first = read("a");
  const second = read("b");
  expect(log).toEqual(["start a", "start b"]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  finish(0);
  finish(1);
  await Promise.all([first, second]);
  // Both took ~200 ms: the next batch beyond a running one waits about half of that.
  const third = read("c");
  const queued = read("d");
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(log).toEqual(["start a", "start b", "start c"]);
  expect(recents.at(-1)).toBeGreaterThanOrEqual(190);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(log).toEqual(["start a", "start b", "start c", "start d"]);
  finish(2);
  finish(3);
  await expect(Promise.all([third, queued])).resolves.toEqual(["answer to c", "answer to d"]);
});

test("a finished batch hands its slot to the next batch before its own callers are answered", async () => {
  const log: string[] = [];
  const { run, finish } = heldRuns(log);
  const read = createBatcher(run, { maxInFlight: 1 });
  const first = read("a").then((answer) => log.push(answer));
  const second = read("b").then((answer) => log.push(answer));
  expect(log).toEqual(["start a"]);
  finish(0);
  await first;
  // b's statement was already on its way when a's caller heard back.
  expect(log).toEqual(["start a", "start b", "answer to a"]);
  finish(1);
  await second;
});
