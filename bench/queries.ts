// Status-query benchmark (issue 7): GET /v1/uploads/:ref over 100,000 stored uploads, and filtered lists, against
// a bare Express route answering a constant, measured in the same run with the same load (autocannon, 64
// connections). Prints figures and query_ratio = service / bare; asserts nothing.
//   npm run build && npx tsx bench/queries.ts [uploads=100000] [requests=20000]
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import pg from "pg";
import { migrate } from "../src/db/migrate.js";

const uploads = Number(process.argv[2] ?? 100_000);
const amount = Number(process.argv[3] ?? 20_000);
const serverUrl = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `vod_bench_q_${Date.now()}`;
const dbUrl = (() => { const url = new URL(serverUrl); url.pathname = `/${dbName}`; return url.toString(); })();
const admin = async (sql: string) => { const c = new pg.Client({ connectionString: serverUrl }); await c.connect(); await c.query(sql); await c.end(); };

await admin(`CREATE DATABASE "${dbName}"`);
await migrate({ url: dbUrl });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
// 100,000 uploads spread over statuses, source contexts and 30 days of updates.
await db.query(`
  INSERT INTO "Upload" (id, "fileId", status, "sourceType", "sourceContext", "procedureTaskId", "mediaUrl", name, "mediaType",
                        "storageRegion", metadata, "createdAt", "updatedAt", "uploadedAt")
  SELECT 'upl_bench' || n, (5285890700000000000 + n)::text,
         (ARRAY['UPLOADED','PROCESSING','PROCESSED','PROCESSED','FAILED','DELETED'])[1 + n % 6]::"UploadStatus",
         'Upload', 'order-' || (n % 20000), '1256768367-Procedure-' || n || 't1',
         'https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/' || n || '/q1BORBPQH1IA.mp4', 'lesson-' || n, 'mp4',
         'ap-chongqing', jsonb_build_object('size', 7700180, 'duration', 60), now() - (n % 43200) * interval '1 minute',
         now() - (n % 43200) * interval '1 minute', now() - (n % 43200) * interval '1 minute'
  FROM generate_series(1, $1::int) AS n`, [uploads]);
await db.query(`ANALYZE "Upload"`);
await db.end();

async function start(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? "", PORT: String(port), ...env }, stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 300; i += 1) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child; } catch { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${args.join(" ")} did not start`);
}

const servicePort = 3990 + Math.floor(Math.random() * 5);
const barePort = servicePort + 5;
const service = await start(["dist/cli.js", "serve"], { NODE_ENV: "production", HOST: "127.0.0.1", LOG_LEVEL: "warn", DATABASE_URL: dbUrl, CALLBACK_TOKEN: "bench", API_TOKENS: "bench" }, servicePort);
const bare = await start(["bench/bare-express.mjs"], {}, barePort);

async function load(port: number, path: () => string): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: 64, amount, headers: { authorization: "Bearer bench" },
    requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
  });
  return { rps: result["2xx"] / (result.duration || 1), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const random = (n: number) => 1 + Math.floor(Math.random() * n);
const cases: Array<[string, () => string]> = [
  ["get_by_file_id", () => `/v1/uploads/${5285890700000000000n + BigInt(random(uploads))}`],
  ["list_by_status", () => `/v1/uploads?status=${["PROCESSED", "FAILED", "UPLOADED"][random(3) - 1]}&limit=50`],
  ["list_by_source_context", () => `/v1/uploads?sourceContext=order-${random(20000) - 1}`],
];
const baseline = await load(barePort, () => "/v1/uploads/1");
console.log(`bare_express requests_per_s=${baseline.rps.toFixed(0)} p50_ms=${baseline.p50} p99_ms=${baseline.p99}`);
for (const [name, path] of cases) {
  const figures = await load(servicePort, path);
  console.log(`${name} requests_per_s=${figures.rps.toFixed(0)} p50_ms=${figures.p50} p99_ms=${figures.p99} non2xx=${figures.non2xx} ratio=${(figures.rps / baseline.rps).toFixed(2)}`);
}
service.kill("SIGTERM");
bare.kill("SIGTERM");
await admin(`DROP DATABASE "${dbName}" WITH (FORCE)`);
console.log(`uploads=${uploads} requests_per_case=${amount} connections=64`);
