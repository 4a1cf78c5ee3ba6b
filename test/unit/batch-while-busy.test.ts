// Reads batched while statements are busy: a lone request runs at once, the requests that arrive meanwhile share
// the next statements (never more than maxInFlight at a time, never mixing shapes), and each gets its own answer.
import { batchWhileBusy } from "../../src/db/batch-while-busy.js";

function recorder(options: { delayMs?: number; fail?: (items: string[]) => boolean } = {}) {
  const batches: string[][] = [];
  let inFlight = 0;
  let maxSeen = 0;
  const run = async (items: string[]) => {
    batches.push(items);
    inFlight += 1;
    maxSeen = Math.max(maxSeen, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
    inFlight -= 1;
    if (options.fail?.(items)) throw new Error(`batch of ${items.join(",")} failed`);
    return items.map((item) => `answer to ${item}`);
  };
  return { run, batches, maxInFlight: () => maxSeen };
}

test("a lone request is run at once, alone", async () => {
  const { run, batches } = recorder();
  const read = batchWhileBusy(run);
  await expect(read("a")).resolves.toBe("answer to a");
  expect(batches).toEqual([["a"]]);
});

test("requests arriving while statements are busy share the next ones, and each gets its own answer", async () => {
  const { run, batches, maxInFlight } = recorder();
  const read = batchWhileBusy(run, { maxInFlight: 2 });
  const items = Array.from({ length: 100 }, (_, n) => `r${n}`);
  const answers = await Promise.all(items.map(read));
  expect(answers).toEqual(items.map((item) => `answer to ${item}`));
  expect(batches).toEqual([["r0"], ["r1"], items.slice(2)]);
  expect(maxInFlight()).toBe(2);
});

test("a batch never exceeds maxBatch nor mixes shapes", async () => {
  const { run, batches } = recorder();
  const read = batchWhileBusy(run, { maxInFlight: 1, maxBatch: 3, shapeOf: (item) => item[0] as string });
  await Promise.all(["a1", "b1", "a2", "b2", "a3", "a4", "a5", "b3"].map(read));
  expect(batches).toEqual([["a1"], ["b1", "b2", "b3"], ["a2", "a3", "a4"], ["a5"]]);
});

test("a failed statement rejects each of its requests and the next batch still runs", async () => {
  const { run } = recorder({ fail: (items) => items.includes("bad") });
  const read = batchWhileBusy(run, { maxInFlight: 1 });
  const settled = await Promise.allSettled(["first", "bad", "x"].map(read));
  expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected"]);
  await expect(read("after")).resolves.toBe("answer to after");
});
