// Ingest benchmark (issues 7, 13): unique realistic callbacks (both formats, mixed event types) POSTed by wrk at 16,
// 64 and 256 connections against the built service on PostgreSQL, with the CPU each callback cost the service and
// PostgreSQL (from /proc), and in the same run the yardstick: the plain PostgreSQL ceiling (bench/ceiling/: pgbench,
// one plain transaction per callback, 16 clients). pgbench running our own hot-path statement is printed beside it as
// a diagnostic only: it slows down when our statement gets heavier, so it is no yardstick. `npm run bench:quick` is
// the one-minute version (NewFileUpload only, 64 connections). Prints figures; asserts nothing.
//   npm run build && npx tsx bench/ingest.ts [seconds per step=10] [pgbench seconds=10]
// The load is wrk (bench/wrk-load.ts), as in bench:quick: autocannon, in Node, took a good part of one of the two
// cores the service and PostgreSQL share with it (until 2026-12-06 this benchmark sent a fixed number of requests
// with autocannon). wrk stops at each step's deadline with up to that step's connections sent but not answered, and
// those commit too: so stored events ≥ 200 answers, by at most the connections of the steps (printed, checked).
// Env: BENCH_PG (server URL, default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_EMBEDDED=1 to run the
// service on the embedded database instead (no pgbench ratio then), BENCH_NODE_OPTIONS (added to the NODE_OPTIONS
// the Docker image sets, which the service runs with here too: they size V8's heap, so they decide its RSS).
// Each step also prints where the memory was at its RSS peak, from the service's /metrics (prom-client defaults).
// BENCH_MIX=1: every third callback is instead a ProcedureStateChanged with six outputs for the file the callback
// before it named (test/support/procedure-callback-body.ts; issue 14's "ingest_ratio_at_64 ≥ 1.5 still holds").
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { callbackBody } from "../test/support/callback-body.js";
import { measureCeiling } from "./ceiling.js";
import { imageNodeOptions } from "./image-node-options.js";
import { pgbenchScript } from "./pgbench-script.js";
import { startService } from "./start-service.js";
import { startCpuMeter } from "./process-cpu.js";
import { runWrk, writeWrkScript } from "./wrk-load.js";

const stepSeconds = Number(process.argv[2] ?? 10);
const seconds = Number(process.argv[3] ?? 10);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const embedded = process.env.BENCH_EMBEDDED === "1";
const mix = process.env.BENCH_MIX === "1";
console.log(`node_options="${`${imageNodeOptions()} ${process.env.BENCH_NODE_OPTIONS ?? ""}`.trim()}"`);
const service = await startService({ serverUrl, embedded });
const { base, databaseUrl: dbUrl } = service;
const rssMb = () => service.rssMb();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-sql-"));

/** rss and V8's heap by space (MB) as the service's /metrics reports them; outside_heap = rss − heap_total. */
const memoryBreakdown = async () => {
  const text = await (await fetch(`${base}/metrics`)).text();
  const mb = (name: string) =>
    Number(new RegExp(`^${name.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1] ?? 0) / 2 ** 20;
  const rss = mb("process_resident_memory_bytes");
  const heap = mb("nodejs_heap_size_total_bytes");
  const space = (name: string) => mb(`nodejs_heap_space_size_total_bytes{space="${name}"}`);
  return (
    `rss=${rss.toFixed(0)} heap_total=${heap.toFixed(0)} (new=${space("new").toFixed(0)} old=${space("old").toFixed(0)} ` +
    `large_object=${space("large_object").toFixed(0)}) heap_used=${mb("nodejs_heap_size_used_bytes").toFixed(0)} ` +
    `external=${mb("nodejs_external_memory_bytes").toFixed(0)} outside_heap=${(rss - heap).toFixed(0)}`
  );
};

console.log(`idle_rss_mb=${rssMb().toFixed(0)}`);
let ok = 0;
let inFlightAtCutoffs = 0;
// Each wrk run numbers its callbacks from 1 under a prefix of its own, so no two runs send one FileId.
const runPrefix = `7${String(Date.now() % 1e8).padStart(8, "0")}`;
const scriptFor = (step: number) =>
  writeWrkScript(scratch, { ...(mix ? { mix: true } : { varied: true }), prefix: `${runPrefix}${step}` });
const url = `${base}/callbacks/vod?token=bench`;
// Warm-up, not reported: JIT, the connections and PostgreSQL's caches, which the first step would pay alone (its
// p99 then measured start-up). Its callbacks are unique too, and counted in the stored ≥ 200 check.
const warm = await runWrk({ url, connections: 16, seconds: 3, script: scriptFor(0) });
ok += warm.requests - warm.non2xx;
inFlightAtCutoffs += 16;
console.log(`warm_up_callbacks=${warm.requests} answered_200=${warm.requests - warm.non2xx}`);
const lines: string[] = [];
for (const [step, connections] of [16, 64, 256].entries()) {
  let peakRss = rssMb();
  let atPeak = "";
  let reading = false;
  const sampler = setInterval(() => {
    const rss = rssMb();
    if (rss < peakRss) return;
    peakRss = rss;
    if (reading) return;
    reading = true;
    memoryBreakdown()
      .then(
        (breakdown) => (atPeak = breakdown),
        () => undefined,
      )
      .finally(() => (reading = false));
  }, 200);
  const meter = startCpuMeter(service.pid);
  const result = await runWrk({ url, connections, seconds: stepSeconds, script: scriptFor(step + 1) });
  clearInterval(sampler);
  const cpu = meter.stop();
  ok += result.requests - result.non2xx;
  inFlightAtCutoffs += connections;
  const perCallback = (ms: number) => ((ms * 1000) / Math.max(result.requests, 1)).toFixed(0);
  const line =
    `connections=${connections} callbacks_per_s=${result.perSecond.toFixed(0)} p50_ms=${result.p50Ms.toFixed(1)} ` +
    `p99_ms=${result.p99Ms.toFixed(1)} p99_over_p50=${(result.p99Ms / Math.max(result.p50Ms, 0.001)).toFixed(2)} ` +
    `socket_errors=${result.socketErrors} non2xx=${result.non2xx} rss_mb=${peakRss.toFixed(0)} ` +
    `node_cpu_us_per_callback=${perCallback(cpu.serviceMs)}` +
    (embedded ? "" : ` postgres_cpu_us_per_callback=${perCallback(cpu.postgresMs)}`);
  lines.push(line);
  console.log(line);
  console.log(`  memory_mb_at_peak: ${atPeak}`);
}
await service.stop();

if (dbUrl) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const stored = Number((await c.query<{ count: string }>(`SELECT count(*) FROM "VodEvent"`)).rows[0]?.count);
  await c.end();
  console.log(
    `stored_events=${stored} answered_200=${ok} unanswered_at_cutoffs<=${inFlightAtCutoffs} ` +
      `consistent=${stored >= ok && stored - ok <= inFlightAtCutoffs}`,
  );

  const script = path.join(scratch, "hot-path.sql");
  fs.writeFileSync(script, pgbenchScript());
  // With the session settings our pool uses (src/db/create-prisma.ts: no JIT), or the ceiling would be measured
  // under a handicap the service does not have.
  const output = execFileSync(
    "pgbench",
    ["-n", "-M", "simple", "-c", "16", "-j", "2", "-T", String(seconds), "-f", script, dbUrl],
    {
      encoding: "utf8",
      env: { ...process.env, PGOPTIONS: "-c jit=off" },
    },
  );
  const ownTps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? 0);
  console.log(`diagnostic: pgbench running our own statement, one callback per transaction: tps=${ownTps.toFixed(0)}`);
}
{
  const ceiling = await measureCeiling({ serverUrl, seconds, payload: callbackBody(0) });
  console.log(
    `ceiling (${ceiling.source}): pgbench_tps=${ceiling.tps.toFixed(0)} postgres_cpu_us_per_tx=${(ceiling.postgresCpuMsPerTx * 1000).toFixed(0)}`,
  );
  const at64 = Number(/connections=64 callbacks_per_s=(\d+)/.exec(lines.join("\n"))?.[1] ?? 0);
  console.log(
    `ingest_ratio_at_64=${(at64 / ceiling.tps).toFixed(2)} (service${embedded ? " on the embedded database" : ""} ÷ the plain PostgreSQL ceiling)`,
  );
}
await service.drop();
fs.rmSync(scratch, { recursive: true, force: true });
console.log(
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${stepSeconds}s per step (wrk -t1), pgbench ${seconds}s` +
    (mix ? "; every third callback a six-output ProcedureStateChanged" : ""),
);
