// npm run bench:quick — the hot path's figures in about a minute, for every change that touches it (issue 13):
// unique ~1.2 KB NewFileUpload callbacks from wrk at 64 connections against the built service (after a warm-up),
// the CPU each callback cost the service process and PostgreSQL's processes (from /proc), and in the same run the
// plain PostgreSQL ceiling (bench/ceiling/: pgbench, one plain transaction per callback), and how busy the whole machine
// was (so idle cores show as such: a rate not bound by CPU is bound by something else). Prints; asserts nothing.
//   npm run bench:quick                 BENCH_SECONDS=10 (measured), BENCH_PG=postgresql://… (server)
//   BENCH_EMBEDDED=1 npm run bench:quick   the service on the embedded database (PostgreSQL CPU then n/a)
//   BENCH_MIX=1 npm run bench:quick      a third of the callbacks a ProcedureStateChanged with six outputs (issue 14)
//   BENCH_CEILING=0 npm run bench:quick   without the ceiling (no ratio): for back-to-back comparisons of the service
//   BENCH_CEILING=around npm run bench:quick   the ceiling before the service too: the ratio against each, and the
//                                              drift between them (this machine's speed moves within a minute)
//   BENCH_CPU_PROF=/tmp/prof npm run bench:quick   the service also writes a V8 CPU profile there when it stops
//                                                  (read it with bench/profile-summary.ts; it costs some CPU)
//   BENCH_NODE_ARGS="--trace-gc" npm run bench:quick   node flags for the service (those NODE_OPTIONS refuses too)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { callbackBody } from "../test/support/callback-body.js";
import { measureCeiling } from "./ceiling.js";
import { machineCpuMs, startCpuMeter } from "./process-cpu.js";
import { startService } from "./start-service.js";
import { readGroupMetrics } from "./read-group-metrics.js";
import { runWrk, writeWrkScript } from "./wrk-load.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const embedded = process.env.BENCH_EMBEDDED === "1";
const connections = 64;
const profileDir = process.env.BENCH_CPU_PROF;
const mix = process.env.BENCH_MIX === "1";

const ceilingBefore =
  process.env.BENCH_CEILING === "around"
    ? await measureCeiling({ serverUrl, seconds, payload: callbackBody(0) })
    : null;
const service = await startService({
  serverUrl,
  embedded,
  nodeArgs: [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
  ],
});
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-wrk-"));
const script = writeWrkScript(scratch, { mix });
const url = `${service.base}/callbacks/vod?token=bench`;
const warm = await runWrk({ url, connections, seconds: 3, script });

let peakRss = service.rssMb();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, service.rssMb())), 200);
const groupsBefore = await readGroupMetrics(service.base);
const meter = startCpuMeter(service.pid);
const machineBefore = machineCpuMs();
const main = await runWrk({ url, connections, seconds, script });
const cpu = meter.stop();
const machineAfter = machineCpuMs();
const groupsAfter = await readGroupMetrics(service.base);
const machineBusyMs = machineAfter.busyMs - machineBefore.busyMs;
const machineBusyShare = machineBusyMs / Math.max(machineAfter.totalMs - machineBefore.totalMs, 1);
clearInterval(sampler);
peakRss = Math.max(peakRss, service.rssMb());

let stored = Number.NaN;
if (service.databaseUrl) {
  const c = new pg.Client({ connectionString: service.databaseUrl });
  await c.connect();
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last answers wrk cut off still commit
  stored = Number((await c.query<{ count: string }>(`SELECT count(*) FROM "VodEvent"`)).rows[0]?.count);
  await c.end();
}
await service.stop();
await service.drop();
fs.rmSync(scratch, { recursive: true, force: true });

const answered = warm.requests - warm.non2xx + main.requests - main.non2xx;
const ceiling =
  process.env.BENCH_CEILING === "0" ? null : await measureCeiling({ serverUrl, seconds, payload: callbackBody(0) });
const perCallbackUs = (ms: number) => ((ms * 1000) / Math.max(main.requests, 1)).toFixed(0);
console.log(
  `service${embedded ? "_embedded" : ""}${mix ? "_mix" : ""}: connections=${connections} callbacks_per_s=${main.perSecond.toFixed(0)} ` +
    `p50_ms=${main.p50Ms.toFixed(1)} p99_ms=${main.p99Ms.toFixed(1)} p99_over_p50=${(main.p99Ms / main.p50Ms).toFixed(2)} ` +
    `non2xx=${main.non2xx} socket_errors=${main.socketErrors} rss_peak_mb=${peakRss.toFixed(0)}`,
);
console.log(
  `cpu_per_callback: node_us=${perCallbackUs(cpu.serviceMs)} postgres_us=${embedded ? "n/a (in the node process)" : perCallbackUs(cpu.postgresMs)}`,
);
if (!embedded) {
  // Which PostgreSQL processes spent it: the backends running the statements, or the WAL writer, autovacuum, ….
  const roles = Object.entries(cpu.postgresByRole).sort(([a], [b]) => a.localeCompare(b));
  console.log(`postgres_us_by_role: ${roles.map(([role, ms]) => `${role}=${perCallbackUs(ms)}`).join(" ")}`);
}
// Everything else the two cores did meanwhile: wrk, the kernel's share of loopback networking, other processes.
console.log(
  `machine: busy_pct=${(machineBusyShare * 100).toFixed(0)} other_us_per_callback=${perCallbackUs(machineBusyMs - cpu.serviceMs - (embedded ? 0 : cpu.postgresMs))}`,
);
// Group commit's statements in the measured run: how many callbacks shared a commit, and how long each took.
const statements = groupsAfter.count - groupsBefore.count;
console.log(
  `groups: statements=${statements} mean_size=${((groupsAfter.sizeSum - groupsBefore.sizeSum) / Math.max(statements, 1)).toFixed(1)} ` +
    `mean_ms=${(((groupsAfter.secondsSum - groupsBefore.secondsSum) * 1000) / Math.max(statements, 1)).toFixed(2)}`,
);
if (!embedded) {
  // wrk stops at its deadline with up to `connections` requests sent but not yet answered: those are stored too.
  console.log(
    `stored_events=${stored} answered_200=${answered} unanswered_at_cutoff<=${2 * connections} ` +
      `consistent=${stored >= answered && stored - answered <= 2 * connections}`,
  );
}
if (ceiling) {
  console.log(
    `ceiling (${ceiling.source}): pgbench_tps=${ceiling.tps.toFixed(0)} postgres_cpu_us_per_tx=${(ceiling.postgresCpuMsPerTx * 1000).toFixed(0)}`,
  );
  console.log(
    `ingest_ratio_at_64=${(main.perSecond / ceiling.tps).toFixed(2)}${embedded ? " (service on the embedded database ÷ the PostgreSQL ceiling)" : ""}`,
  );
  if (ceilingBefore) {
    console.log(
      `ceiling before the service: pgbench_tps=${ceilingBefore.tps.toFixed(0)} → ingest_ratio_at_64=${(main.perSecond / ceilingBefore.tps).toFixed(2)}; ` +
        `against the mean of both: ${((2 * main.perSecond) / (ceilingBefore.tps + ceiling.tps)).toFixed(2)}`,
    );
  }
}
console.log(
  `machine: ${os.cpus().length} cores, node ${process.version}; ${seconds}s measured after a 3s warm-up; load: wrk -t1 -c${connections}` +
    (mix ? ", every third callback a six-output ProcedureStateChanged" : ""),
);
