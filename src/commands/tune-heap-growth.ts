// How far V8 lets the old generation grow past what a full GC left live before it marks the whole heap again.
// Under ingest load the service's live heap is ~30 MB (code, schemas, the SDK) while each callback's garbage that
// outlives a scavenge or two (a request waits ~10 ms for its group's commit) lands in old space; with the 512 MB cap
// of NODE_OPTIONS (issue 7) V8 chose a growth of ~1.1-1.5x, so a full mark-compact ran every ~0.5 s, each marking
// all ~30 MB and pausing the event loop 5-15 ms — the slowest 1 % of callbacks waited behind them (issue 13: p99 over
// 3x p50). Twice the live heap halves how often that happens for ~25 MB of RSS more under load (bench/results.md).
// Set before the service allocates much; NODE_OPTIONS cannot carry this flag, and every way in (npm start, the
// image, the benchmarks) starts through `serve`. A process started with its own --heap-growing-percent keeps it.
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 100;

export function tuneHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
