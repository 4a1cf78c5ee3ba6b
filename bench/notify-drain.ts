// Delivery alone (issue 16 §3): the built service with one endpoint (NOTIFY_URL) at the local receiver of
// bench/notify.ts, a few seconds of paced callbacks for real hot-path messages, then BENCH_MESSAGES copies of them
// written into the outbox at once (bodies still to render, as the hot path leaves them) and delivered with no
// callback coming in: messages/s, and CPU per message of the service and of this database's own PostgreSQL backends
// (the whole machine's postgres processes too, which other work on the machine inflates). Prints; asserts nothing.
//   npm run -s build && npx tsx bench/notify-drain.ts   BENCH_MESSAGES=20000, BENCH_PG=postgresql://… (server)
//   BENCH_CPU_PROF=/tmp/prof …   the service writes a V8 CPU profile there (bench/profile-summary.ts reads it)
// Run it under `flock /tmp/bench.lock`.
import { randomBytes } from "node:crypto";
import { callbackBody } from "../test/support/callback-body.js";
import { measureLatency } from "./notify-latency.js";
import { openOutbox, seconds } from "./notify-outbox.js";
import { processCpuMs, startCpuMeter } from "./process-cpu.js";
import { startNotifyReceiver } from "./start-notify-receiver.js";
import { startService } from "./start-service.js";

const total = Number(process.env.BENCH_MESSAGES ?? 20_000);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const profileDir = process.env.BENCH_CPU_PROF;

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const receiver = await startNotifyReceiver(secret);
const service = await startService({
  serverUrl,
  embedded: false,
  env: { NOTIFY_URL: receiver.url, NOTIFY_SECRET: secret, ALLOW_PRIVATE_ENDPOINTS: "true" },
  nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
});
const outbox = await openOutbox(service.databaseUrl as string);

const template = callbackBody(0);
const templateFileId = (JSON.parse(template) as { FileUploadEvent: { FileId: string } }).FileUploadEvent.FileId;
const run = String(Date.now() % 1e8).padStart(8, "0");
let bodies = 0;
const bodyOf = () => template.replaceAll(templateFileId, `8${run}${String((bodies += 1)).padStart(9, "0")}`);
const url = `${service.base}/callbacks/vod?token=bench`;
await measureLatency({ url, rate: 200, seconds: 5, connections: 64, bodyOf, outbox, receiver });

const written = await outbox.written(0);
await outbox.client.query(
  `INSERT INTO "NotifyMessage" ("endpointId", "eventType", "uploadId", "sequence", snapshot)
   SELECT "endpointId", "eventType", "uploadId", "sequence", snapshot
   FROM "NotifyMessage" CROSS JOIN generate_series(1, $1) LIMIT $2`,
  [Math.ceil(total / Math.max(written, 1)), total],
);
const backends = async () =>
  (
    await outbox.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
  ).rows.map((row) => row.pid);
const before = new Map((await backends()).map((pid) => [pid, processCpuMs(pid)]));
const meter = startCpuMeter(service.pid);
const drainMs = await outbox.drained();
const cpu = meter.stop();
let ownMs = 0;
for (const pid of await backends()) ownMs += processCpuMs(pid) - (before.get(pid) ?? 0);
const us = (ms: number) => ((ms * 1000) / total).toFixed(0);
const final = await receiver.report();
console.log(
  `drain: messages=${total} drained_s=${seconds(drainMs)} delivered_per_s=${drainMs ? ((total * 1000) / drainMs).toFixed(0) : "n/a"} ` +
    `service_us=${us(cpu.serviceMs)} own_backends_us=${us(ownMs)} all_postgres_us=${us(cpu.postgresMs)} (per message); ` +
    `receiver verified=${final.verified} repeats=${final.repeats} refused=${final.refused}`,
);
await outbox.close();
await service.stop();
await service.drop();
await receiver.stop();
