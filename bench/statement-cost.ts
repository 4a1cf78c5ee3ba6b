// What the hot-path group statement costs PostgreSQL per event (issue 13 §2), apart from HTTP, Node and other
// load: one connection runs it prepared (as the service does), one group per transaction, for groups of 1, 8 and 32
// unique ~1.2 KB NewFileUpload callbacks (bench:quick's bodies; --mix: a third with a six-output
// ProcedureStateChanged), on a fresh database. Per event: the backend's CPU (user + system from /proc: the server
// must be on this machine; commit included, the WAL writer's share not) and WAL bytes. CPU time is what other
// load on the machine disturbs least, so variants can be compared on a busy machine. --endpoint adds one enabled
// notification endpoint subscribed to every type (issue 16: the statement then writes the messages); --explain also
// prints EXPLAIN (ANALYZE, BUFFERS) of a group of 32 (rolled back). Prints; asserts nothing.
//   npx tsx bench/statement-cost.ts [--mix] [--endpoint] [--explain] [--events N]   BENCH_PG=postgresql://… (server)
import pg from "pg";
import { callbackBody } from "../test/support/callback-body.js";
import { mixedCallbackBody, procedureCallbackBody } from "../test/support/procedure-callback-body.js";
import { migrate } from "../src/db/migrate.js";
import { prepareEvent } from "../src/ingest/ingest-event.js";
import { recordEventsParams } from "../src/db/record-events-param.js";
import { recordEventsStatement } from "../src/db/record-events-sql.js";
import { noSteps, type Steps } from "../src/db/statement-steps.js";
import { processCpuMs } from "./process-cpu.js";

const args = process.argv.slice(2);
const mix = args.includes("--mix");
const eventsAt = args.indexOf("--events");
const events = eventsAt === -1 ? 9600 : Number(args[eventsAt + 1]);
const server = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `vod_statement_cost_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
let n = 0;
const group = (size: number) =>
  Array.from({ length: size }, () => {
    const text = mix ? mixedBody(n++, size) : callbackBody(n++);
    return prepareEvent({ raw: text, bytes: Buffer.from(text), channel: "push" });
  });
// One statement never names a FileId twice (the service's batcher keeps such events apart): with --mix, the
// six-output result is for the file uploaded three groups back (for its own new file in the first groups).
const fileIdOf = (body: string) => /"(?:FileId|fileId)":"([^"]+)"/.exec(body)?.[1];
function mixedBody(k: number, size: number): string {
  if (k % 3 !== 2) return mixedCallbackBody(k);
  if (k - 1 - 3 * size < 0) return procedureCallbackBody(k);
  return procedureCallbackBody(k, fileIdOf(callbackBody(k - 1 - 3 * size)));
}
const steps: Steps = { ...noSteps, ...(mix ? { outputs: true, tasks: true } : {}) };
const text = recordEventsStatement(steps);
try {
  await migrate({ url: url.toString() });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  if (args.includes("--endpoint")) {
    await client.query(
      `INSERT INTO "NotifyEndpoint" (id, url, secret) VALUES ('ep_bench', 'https://example.com/hook', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')`,
    );
  }
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid as number;
  const lsn = async () =>
    BigInt((await client.query<{ b: string }>("SELECT pg_current_wal_lsn() - '0/0' AS b")).rows[0]?.b as string);
  for (const size of [1, 8, 32]) {
    const statement = { name: `group-${size}`, text };
    const groups = Array.from({ length: Math.ceil(events / size) }, () => recordEventsParams(group(size)));
    // Warm-up: past the fifth run a prepared statement is on its generic plan, as in the service.
    for (let i = 0; i < 10; i += 1) await client.query({ ...statement, values: recordEventsParams(group(size)) });
    const cpu = processCpuMs(pid);
    const wal = await lsn();
    const started = performance.now();
    for (const params of groups) await client.query({ ...statement, values: params });
    const seconds = (performance.now() - started) / 1000;
    const count = groups.length * size;
    console.log(
      `group=${size} events=${count} backend_cpu_us_per_event=${(((processCpuMs(pid) - cpu) * 1000) / count).toFixed(0)} ` +
        `wal_bytes_per_event=${(Number((await lsn()) - wal) / count).toFixed(0)} events_per_s_one_connection=${(count / seconds).toFixed(0)}` +
        (args.includes("--endpoint")
          ? ` messages=${(await client.query<{ n: string }>(`SELECT count(*) AS n FROM "NotifyMessage"`)).rows[0]?.n}`
          : ""),
    );
  }
  if (args.includes("--explain")) {
    await client.query("BEGIN");
    const plan = await client.query<{ "QUERY PLAN": string }>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
      values: recordEventsParams(group(32)),
    });
    await client.query("ROLLBACK");
    console.log(plan.rows.map((row) => row["QUERY PLAN"]).join("\n"));
  }
  await client.end();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
