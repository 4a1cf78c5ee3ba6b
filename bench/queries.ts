// Status-query benchmark (issue 7): GET /v1/uploads/:ref over 100,000 stored uploads, and filtered lists, against
// a bare Express route answering a constant, measured in the same run with the same load (autocannon, 64
// connections). Prints figures and query_ratio = service / bare; asserts nothing.
//   npm run build && npx tsx bench/queries.ts [uploads=100000] [requests=20000] [rounds=3]
// The 2 cores are shared by autocannon, the servers and PostgreSQL, and other work on the machine moves single
// figures by ±30 %: each server is warmed up first, then every round loads the bare route and each case back to
// back, and the ratio printed is the median of the rounds' ratios. cpu_us_per_req (the server process's own CPU
// time per answer, from /proc) moves much less than requests/s and shows where a difference comes from.
// A list of 50 is also divided by the bare route answering a constant page of 50 (page_ratio): what is left above
// that is ours, not the size of the answer.
// get_by_file_id_with_outputs reads uploads that each have 6 outputs (3 transcodes, an HLS stream, a cover, 3
// snapshots) and a finished task flow, as a ProcedureStateChanged leaves them (issue 14); get_by_file_id reads the
// others, which have none. list_with_outputs is a page of 50 of them with ?include=outputs.
// QUERIES_CASES=list_by_status,… runs only those cases (beside the bare routes); QUERIES_NODE_ARGS="--cpu-prof …"
// starts the service with those node flags (a profile is written when it exits on SIGTERM).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { imageNodeOptions } from "./image-node-options.js";
import { load } from "./load.js";
import { startCpuMeter } from "./process-cpu.js";
import pg from "pg";
import { migrate } from "../src/db/migrate.js";

const uploads = Number(process.argv[2] ?? 100_000);
const amount = Number(process.argv[3] ?? 20_000);
const rounds = Number(process.argv[4] ?? 3);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `vod_bench_q_${Date.now()}`;
const dbUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
};

await admin(`CREATE DATABASE "${dbName}"`);
await migrate({ url: dbUrl });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
// 100,000 uploads spread over statuses, source contexts and 30 days of updates.
await db.query(
  `
  INSERT INTO "Upload" (id, "fileId", status, "sourceType", "sourceContext", "procedureTaskId", "mediaUrl", name, "mediaType",
                        "storageRegion", metadata, "createdAt", "updatedAt", "uploadedAt")
  SELECT 'upl_bench' || n, (5285890700000000000 + n)::text,
         (ARRAY['UPLOADED','PROCESSING','PROCESSED','PROCESSED','FAILED','DELETED'])[1 + n % 6]::"UploadStatus",
         'Upload', 'order-' || (n % 20000), '1256768367-Procedure-' || n || 't1',
         'https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/' || n || '/q1BORBPQH1IA.mp4', 'lesson-' || n, 'mp4',
         'ap-chongqing', jsonb_build_object('size', 7700180, 'duration', 60), now() - (n % 43200) * interval '1 minute',
         now() - (n % 43200) * interval '1 minute', now() - (n % 43200) * interval '1 minute'
  FROM generate_series(1, $1::int) AS n`,
  [uploads],
);
// The uploads of the newest minutes (updatedAt = now - n % 43200 minutes) have what a task flow leaves, 6 outputs and a
// finished task: about 15 % of them, and every item of a newest-first page.
const outputMinutes = 6_666;
const hasOutputs = (n: number) => n % 43200 >= 1 && n % 43200 <= outputMinutes;
const folder = `'https://1256768367.vod2.myqcloud.com/ee2c0b58vodtranscq1256768367/' || n`;
await db.query(
  `
  INSERT INTO "UploadOutput" ("fileId", kind, definition, url, container, width, height, bitrate, size, duration, md5,
                              "drmType", details, "taskId", subtask, "finishedAt", "eventId", "receivedAt", "updatedAt")
  SELECT (5285890700000000000 + n)::text, o.kind, o.definition, ${folder} || o.path, o.container, o.width, o.height,
         o.bitrate, o.size, o.duration, CASE WHEN o.kind = 'transcode' THEN md5(n || o.path) END, o.drm,
         replace(o.details, '{base}', ${folder})::jsonb, '1256768367-Procedure-' || n || 't1', o.subtask,
         now() - (n % 43200) * interval '1 minute', n, now(), now()
  FROM generate_series(1, $1::int) AS n
  CROSS JOIN (VALUES
    ('transcode', 100010, '/v.f100010.mp4', 'mov,mp4,m4a,3gp,3g2,mj2', 640, 360, 400000, 3000000, 60.04700088501, NULL, '{}', 'Transcode'),
    ('transcode', 100020, '/v.f100020.mp4', 'mov,mp4,m4a,3gp,3g2,mj2', 960, 540, 800000, 6000000, 60.04700088501, NULL, '{}', 'Transcode'),
    ('transcode', 100030, '/v.f100030.mp4', 'mov,mp4,m4a,3gp,3g2,mj2', 1280, 720, 1500000, 11250000, 60.04700088501, NULL, '{}', 'Transcode'),
    ('adaptive', 10, '/adp.10.m3u8', NULL, NULL, NULL, NULL, NULL, NULL, '', '{"package":"HLS"}', 'AdaptiveDynamicStreaming'),
    ('cover', 10, '/coverBySnapshot/coverBySnapshot_10_0.jpg', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}', 'CoverBySnapshot'),
    ('snapshot', 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     '{"picInfoSet":[{"timeOffset":0,"url":"{base}/snapshot/0.jpg"},{"timeOffset":1000,"url":"{base}/snapshot/1.jpg"},{"timeOffset":2000,"url":"{base}/snapshot/2.jpg"}]}',
     'SnapshotByTimeOffset')
  ) AS o(kind, definition, path, container, width, height, bitrate, size, duration, drm, details, subtask)
  WHERE n % 43200 BETWEEN 1 AND $2`,
  [uploads, outputMinutes],
);
await db.query(
  `
  INSERT INTO "UploadTask" ("fileId", "taskId", kind, status, subtasks, "finishedAt", "eventId", "receivedAt", "updatedAt")
  SELECT (5285890700000000000 + n)::text, '1256768367-Procedure-' || n || 't1', 'Procedure', 'FINISH', '[]',
         now(), n, now(), now()
  FROM generate_series(1, $1::int) AS n
  WHERE n % 43200 BETWEEN 1 AND $2`,
  [uploads, outputMinutes],
);
await db.query(`ANALYZE "Upload"`);
await db.query(`ANALYZE "UploadOutput"`);
await db.query(`ANALYZE "UploadTask"`);
await db.end();

async function start(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? "", PORT: String(port), ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      /* not yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${args.join(" ")} did not start`);
}

const servicePort = 3990 + Math.floor(Math.random() * 5);
const barePort = servicePort + 5;
// The service runs with the NODE_OPTIONS of the Docker image (they size V8's heap), as in bench/ingest.ts.
const nodeArgs = (process.env.QUERIES_NODE_ARGS ?? "").split(" ").filter(Boolean);
const service = await start(
  [...nodeArgs, "dist/cli.js", "serve"],
  {
    NODE_OPTIONS: imageNodeOptions(),
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DATABASE_URL: dbUrl,
    CALLBACK_TOKEN: "bench",
    API_TOKENS: "bench",
  },
  servicePort,
);
const bare = await start(["bench/bare-express.mjs"], {}, barePort);

/** User + system CPU time of a process so far, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuMicros(child: ChildProcess): number {
  const fields = (readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  cpuUs: number;
  /** Every PostgreSQL process's CPU per answer (the server is shared: other sessions' work counts too). */
  pgCpuUs: number;
}

async function measure(server: ChildProcess, port: number, path: () => string, requests = amount): Promise<Figures> {
  const before = cpuMicros(server);
  const meter = startCpuMeter(server.pid ?? 0);
  const { result, okPerSecond } = await load({
    url: `http://127.0.0.1:${port}`,
    connections: 64,
    amount: requests,
    headers: { authorization: "Bearer bench" },
    requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
  });
  const cpuUs = (cpuMicros(server) - before) / requests;
  const pgCpuUs = (meter.stop().postgresMs * 1000) / requests;
  return { rps: okPerSecond, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, cpuUs, pgCpuUs };
}

const random = (n: number) => 1 + Math.floor(Math.random() * n);
function randomUpload(outputs: boolean): bigint {
  for (;;) {
    const n = random(uploads);
    if (hasOutputs(n) === outputs) return 5285890700000000000n + BigInt(n);
  }
}
const allCases: Array<[string, ChildProcess, number, () => string]> = [
  ["bare_express", bare, barePort, () => "/v1/uploads/1"],
  ["bare_express_page_of_50", bare, barePort, () => "/page"],
  ["get_by_file_id", service, servicePort, () => `/v1/uploads/${randomUpload(false)}`],
  ["get_by_file_id_with_outputs", service, servicePort, () => `/v1/uploads/${randomUpload(true)}`],
  [
    "list_by_status",
    service,
    servicePort,
    () => `/v1/uploads?status=${["PROCESSED", "FAILED", "UPLOADED"][random(3) - 1]}&limit=50`,
  ],
  ["list_by_source_context", service, servicePort, () => `/v1/uploads?sourceContext=order-${random(20000) - 1}`],
  // The newest 50 of a status: each item carries its 6 outputs.
  ["list_with_outputs", service, servicePort, () => `/v1/uploads?status=PROCESSED&include=outputs&limit=50`],
];
const only = process.env.QUERIES_CASES?.split(",");
const cases = allCases.filter(([name]) => name.startsWith("bare_") || !only || only.includes(name));
for (const [, server, port, path] of cases) await measure(server, port, path, Math.min(amount, 5000)); // warm-up: JIT, pools, caches

const runs = new Map<string, Figures[]>(cases.map(([name]) => [name, []]));
for (let round = 1; round <= rounds; round += 1) {
  for (const [name, server, port, path] of cases) runs.get(name)?.push(await measure(server, port, path));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const ratiosTo = (list: Figures[], bare: string) =>
  list.map((figures, index) => figures.rps / (runs.get(bare)?.[index]?.rps ?? Number.NaN));
const shown = (ratios: number[]) =>
  `${median(ratios).toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(" ")})`;
for (const [name] of cases) {
  const list = runs.get(name) ?? [];
  const ratios = ratiosTo(list, "bare_express");
  console.log(
    `${name} requests_per_s=${median(list.map((f) => f.rps)).toFixed(0)} p50_ms=${median(list.map((f) => f.p50))} ` +
      `p99_ms=${median(list.map((f) => f.p99))} cpu_us_per_req=${median(list.map((f) => f.cpuUs)).toFixed(0)} ` +
      `pg_cpu_us_per_req=${median(list.map((f) => f.pgCpuUs)).toFixed(0)} ` +
      `non2xx=${list.reduce((sum, f) => sum + f.non2xx, 0)}` +
      (name === "bare_express" ? "" : ` ratio=${shown(ratios)}`) +
      (name.startsWith("list_by_status") || name === "list_with_outputs"
        ? ` page_ratio=${shown(ratiosTo(list, "bare_express_page_of_50"))}`
        : ""),
  );
}
service.kill("SIGTERM");
bare.kill("SIGTERM");
await admin(`DROP DATABASE "${dbName}" WITH (FORCE)`);
console.log(`uploads=${uploads} requests_per_case_and_round=${amount} rounds=${rounds} connections=64`);
