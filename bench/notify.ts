// npm run bench:notify — issue 16's notification figures against the built service on a fresh PostgreSQL database,
// with ONE endpoint subscribed to every type (NOTIFY_URL + NOTIFY_SECRET) at a local receiver in a child process
// (bench/notify-receiver.ts: verifies each signature with `standardwebhooks`, keeps each webhook-id's first arrival).
// Every callback is a unique ~1.2 KB NewFileUpload with a URL, so it writes two messages (upload.uploaded,
// upload.playable). Prints figures; asserts nothing.
//   Phase 1: wrk at 64 connections, full rate, after a 3 s warm-up whose messages are delivered first: callbacks/s,
//            p50/p99, CPU per callback (the service process, delivery included, and every PostgreSQL process),
//            messages written, the backlog when the load stopped and how long it took to deliver.
//   Phase 2: half that rate, paced (bench/paced-load.ts; wrk2 is not installed), BENCH_SECONDS: commit → receiver
//            latency (commit = the message row's createdAt) and the drain after the load (bench/notify-latency.ts).
//            BENCH_PHASE2_RATE=<callbacks/s> paces it at that rate instead: e.g. half of what BENCH_DELIVERY=0 measured
//            (the ingest rate with messages written but none delivered), the other reading of "half that rate".
//   Phase 3: 1,000 clients waiting on GET /v1/uploads/:ref?waitFor=processed&timeout=60: the database's load with
//            and without them, then how long until all are answered (bench/notify-waiters.ts; skipped, saying so,
//            when the build has no wait API).
//   Last, with the service stopped: the plain PostgreSQL ceiling (bench/ceiling.ts), and phase 1 ÷ ceiling.
//   npm run bench:notify              BENCH_SECONDS=10 (phases 1 and 2), BENCH_PG=postgresql://… (server)
//   BENCH_CEILING=around npm run bench:notify   the ceiling before the service too, and the ratio against each
//   BENCH_DELIVERY=0 npm run bench:notify   phase 1 and the ceiling only, the delivery worker off (DELIVERY_WORKER=
//                                           false): what writing the messages costs, apart from delivering them
// Run it under `flock /tmp/bench.lock` (npm run build writes dist/).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { callbackBody } from "../test/support/callback-body.js";
import { measureCeiling } from "./ceiling.js";
import { measureLatency } from "./notify-latency.js";
import { openOutbox, seconds as fmtS } from "./notify-outbox.js";
import { measureWaiters } from "./notify-waiters.js";
import { startCpuMeter } from "./process-cpu.js";
import { startNotifyReceiver } from "./start-notify-receiver.js";
import { startService } from "./start-service.js";
import { runWrk, writeWrkScript } from "./wrk-load.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const delivery = process.env.BENCH_DELIVERY !== "0";
const connections = 64;
const loadAtStart = os.loadavg();

const ceilingBefore =
  process.env.BENCH_CEILING === "around"
    ? await measureCeiling({ serverUrl, seconds, payload: callbackBody(0) })
    : null;
const secret = `whsec_${randomBytes(24).toString("base64")}`;
const receiver = await startNotifyReceiver(secret);
const service = await startService({
  serverUrl,
  embedded: false,
  env: {
    NOTIFY_URL: receiver.url,
    NOTIFY_SECRET: secret,
    ALLOW_PRIVATE_ENDPOINTS: "true",
    // Without a worker the service does not write the NOTIFY_URL endpoint (whoever delivers does): the admin API does.
    ...(delivery ? {} : { DELIVERY_WORKER: "false", ADMIN_TOKENS: "bench-admin" }),
  },
});
if (!delivery) {
  const created = await fetch(`${service.base}/admin/endpoints`, {
    method: "POST",
    headers: { authorization: "Bearer bench-admin", "content-type": "application/json" },
    body: JSON.stringify({ url: receiver.url, description: "bench, delivery off" }),
  });
  if (created.status !== 201) throw new Error(`POST /admin/endpoints answered ${created.status}`);
}
const outbox = await openOutbox(service.databaseUrl as string);
const lines: string[] = [];

// Unique NewFileUploads like wrk's (callbackBody(0) with its FileId swapped), FileIds apart from wrk's ("7…").
const template = callbackBody(0);
const templateFileId = (JSON.parse(template) as { FileUploadEvent: { FileId: string } }).FileUploadEvent.FileId;
const run = String(Date.now() % 1e8).padStart(8, "0");
let bodies = 0;
const newFileUpload = (prefix: string) => {
  const fileId = `${prefix}${run}${String((bodies += 1)).padStart(9, "0")}`;
  return { fileId, body: template.replaceAll(templateFileId, fileId) };
};

// Phase 1: full rate.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-notify-"));
const script = writeWrkScript(scratch);
const url = `${service.base}/callbacks/vod?token=bench`;
await runWrk({ url, connections, seconds: 3, script });
const warmDrainMs = delivery ? await outbox.drained() : null;
const before = await outbox.lastId();
const meter = startCpuMeter(service.pid);
const full = await runWrk({ url, connections, seconds, script });
const cpu = meter.stop();
await new Promise((resolve) => setTimeout(resolve, 300)); // the answers wrk cut off still commit
const written = await outbox.written(before);
const backlog = await outbox.pending(before);
const perCallback = (n: number) => (n / Math.max(full.requests, 1)).toFixed(2);
const us = (ms: number) => ((ms * 1000) / Math.max(full.requests, 1)).toFixed(0);
lines.push(
  `phase1 full rate${delivery ? "" : " (delivery worker off)"}: connections=${connections} ` +
    `callbacks_per_s=${full.perSecond.toFixed(0)} p50_ms=${full.p50Ms.toFixed(1)} p99_ms=${full.p99Ms.toFixed(1)} ` +
    `non2xx=${full.non2xx} socket_errors=${full.socketErrors} node_us=${us(cpu.serviceMs)} ` +
    `postgres_us=${us(cpu.postgresMs)} (per callback)`,
);
if (delivery) {
  const drainMs = await outbox.drained(before);
  lines.push(
    `phase1 messages: written=${written} per_callback=${perCallback(written)} pending_when_load_stopped=${backlog} ` +
      `drained_after_s=${fmtS(drainMs)} delivered_per_s_while_draining=${drainMs ? ((backlog * 1000) / drainMs).toFixed(0) : "n/a"} ` +
      `(the warm-up's drained in ${fmtS(warmDrainMs)} s)`,
  );
  const rate = Math.max(1, Math.round(Number(process.env.BENCH_PHASE2_RATE ?? full.perSecond / 2)));
  const bodyOf = () => newFileUpload("8").body;
  lines.push(await measureLatency({ url, rate, seconds, connections, bodyOf, outbox, receiver }));
  const newUpload = () => newFileUpload("9");
  lines.push(
    await measureWaiters({
      base: service.base,
      token: "bench",
      outbox,
      servicePid: service.pid,
      newFileUpload: newUpload,
    }),
  );
  const endDrainMs = await outbox.drained();
  const notDelivered = await outbox.count(`SELECT count(*) AS n FROM "NotifyMessage" WHERE status <> 'delivered'`);
  const final = await receiver.report();
  lines.push(
    `receiver: verified=${final.verified} refused=${final.refused} repeats=${final.repeats} ` +
      `distinct_webhook_ids=${final.arrivals.length}; not delivered after the last drain (${fmtS(endDrainMs)} s): ${notDelivered}`,
  );
} else {
  lines.push(`phase1 messages: written=${written} per_callback=${perCallback(written)} (not delivered)`);
}
await outbox.close();
await service.stop();
await service.drop();
await receiver.stop();
fs.rmSync(scratch, { recursive: true, force: true });

const ceiling = await measureCeiling({ serverUrl, seconds, payload: callbackBody(0) });
lines.splice(
  2,
  0,
  `ceiling (${ceiling.source}): pgbench_tps=${ceiling.tps.toFixed(0)} postgres_cpu_us_per_tx=${(ceiling.postgresCpuMsPerTx * 1000).toFixed(0)}`,
  `ingest_ratio_at_64_with_messages=${(full.perSecond / ceiling.tps).toFixed(2)}`,
  ...(ceilingBefore
    ? [
        `ceiling before the service: pgbench_tps=${ceilingBefore.tps.toFixed(0)} → ingest_ratio_at_64_with_messages=${(full.perSecond / ceilingBefore.tps).toFixed(2)}; ` +
          `against the mean of both: ${((2 * full.perSecond) / (ceilingBefore.tps + ceiling.tps)).toFixed(2)}`,
      ]
    : []),
);
const loads = (values: number[]) => values.map((n) => n.toFixed(2)).join(" ");
lines.push(
  `machine: ${os.cpus().length} cores, node ${process.version}, load average ${loads(loadAtStart)} at the start, ` +
    `${loads(os.loadavg())} at the end; the service, PostgreSQL, the load generators and the receiver share the cores`,
);
console.log(lines.join("\n"));
