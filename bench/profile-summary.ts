// Where a V8 CPU profile's time went (issue 13): self time by function, by file (our src/ files one by one,
// node_modules by package, node's internals and V8's pseudo-frames as they are), and the inclusive time of our own
// functions (a function counted once per sample however often it recurses). Percentages are of all samples,
// idle included; the last line turns the busy share into µs per request when told how many requests there were.
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [--last SECONDS] [--top N] [--requests N]
// --last keeps only the samples of the profile's final SECONDS (the measured load, not start-up and warm-up: the
// service writes its profile as it stops, right after the load).
// Profiles come from `BENCH_CPU_PROF=/tmp/prof npm run bench:quick` (node --cpu-prof, written on SIGTERM).
import { readFileSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const file = args[0];
if (!file || file.startsWith("--")) {
  console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [--last SECONDS] [--top N] [--requests N]");
  process.exit(2);
}
const last = option("--last") === undefined ? Infinity : Number(option("--last")) * 1e6;
const top = Number(option("--top") ?? 40);
const requests = option("--requests") === undefined ? undefined : Number(option("--requests"));

const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** Where a frame lives: our file relative to the checkout, a package name, a node: internal, or V8's pseudo-frame. */
function place(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : `(native ${frame.functionName || "?"})`;
  const modules = url.lastIndexOf("/node_modules/");
  if (modules !== -1) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return `npm:${rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith("node:")) return url;
  // Our compiled files: dist/x.js is src/x.ts.
  const at = url.indexOf("/dist/");
  return at === -1 ? path.basename(url) : `src/${url.slice(at + "/dist/".length)}`;
}
const ours = (where: string) => where.startsWith("src/");
const functionKey = (frame: CallFrame, where: string) =>
  `${frame.functionName || "(anonymous)"} ${where}${ours(where) || where.startsWith("node:") ? `:${frame.lineNumber + 1}` : ""}`;

// The samples to count: timeDeltas[i] is the time before sample i; a sample stands for the interval after it, which
// is the next delta (the usual reading: DevTools does the same).
const times: number[] = [];
let clock = 0;
for (const delta of profile.timeDeltas) times.push((clock += delta));
const end = clock;
const selfBy = { fn: new Map<string, number>(), place: new Map<string, number>() };
const inclusive = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
profile.samples.forEach((id, index) => {
  if ((times[index] ?? 0) < end - last) return;
  const us = profile.timeDeltas[index + 1] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  total += us;
  const where = place(node.callFrame);
  add(selfBy.fn, functionKey(node.callFrame, where), us);
  add(selfBy.place, where, us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame) break;
    const frameWhere = place(frame);
    if (!ours(frameWhere)) continue;
    const key = functionKey(frame, frameWhere);
    if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    seen.add(key);
  }
});

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const print = (title: string, map: Map<string, number>, count: number) => {
  console.log(`\n${title}`);
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .forEach(([key, us]) => console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`));
};
const idle = selfBy.place.get("(idle)") ?? 0;
console.log(
  `${file}: ${(total / 1e6).toFixed(2)} s of samples${Number.isFinite(last) ? ` (last ${last / 1e6} s)` : ""}`,
);
print("self time by file or package", selfBy.place, top);
print("self time by function", selfBy.fn, top);
print("inclusive time of our functions", inclusive, top);
// By folder of ours, and the rest in groups, so one line says where the busy time goes.
const groups = new Map<string, number>();
for (const [where, us] of selfBy.place) {
  const group = ours(where)
    ? where.split("/").slice(0, 2).join("/")
    : where.startsWith("npm:")
      ? where
      : where.startsWith("node:")
        ? "node: internals"
        : where;
  add(groups, group, us);
}
print("self time by group", groups, top);
if (requests !== undefined) {
  console.log(`\nbusy (not idle): ${((total - idle) / requests).toFixed(0)} µs of samples per request (${requests})`);
}
