// Two V8 settings for the service under load, set by `serve` before it allocates much (NODE_OPTIONS cannot carry
// them, and every way in — npm start, the image, the benchmarks — starts through `serve`). A process started with
// its own value of either keeps it.
//
// --heap-growing-percent=100: how far V8 lets the old generation grow past what a full GC left live before it marks
// the whole heap again. Under ingest load the live heap is ~30 MB (code, schemas, the SDK) while each callback's
// garbage that outlives a scavenge or two (a request waits ~10 ms for its group's commit) lands in old space; with
// the 512 MB cap of NODE_OPTIONS (issue 7) V8 chose a growth of ~1.1-1.5x, so a full mark-compact ran every ~0.5 s,
// each marking all ~30 MB and pausing the event loop 5-15 ms — the slowest 1 % of callbacks waited behind them
// (issue 13: p99 over 3x p50). Twice the live heap halves how often that happens for ~25 MB of RSS more.
//
// --no-allocation-site-pretenuring: V8 allocates straight into old space what its allocation sites saw survive
// scavenges. A callback's objects live about as long as its group's commit, so at 6,000 callbacks/s many of them do
// once, and V8 then put every later one of them in old space, where they died and waited for a full GC: with it off,
// full GCs under load fell from 8-10 to 4-5 per 13 s and their marking steps of 12-18 ms went away (p99 over p50
// 3.16-3.22 → 2.43-2.57 in interleaved runs, same throughput; bench/results.md).
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 100;

export function tuneGc(execArgv: readonly string[] = process.execArgv): void {
  const given = (flag: string) => execArgv.some((arg) => arg.startsWith(flag));
  if (!given("--heap-growing-percent")) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!given("--allocation-site-pretenuring") && !given("--no-allocation-site-pretenuring"))
    v8.setFlagsFromString("--no-allocation-site-pretenuring");
}
