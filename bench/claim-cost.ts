// What delivering a message costs PostgreSQL apart from HTTP (issue 16 §3): real messages written by the hot-path
// statement (unique NewFileUpload callbacks, one endpoint subscribed to everything: two messages a callback, the
// change's snapshot on the first), then every message claimed by claimMessages in batches of 32 (bodies rendered by
// one batchRenderer a claim, as the worker does) and its outcome recorded by recordAttempts in batches of 32 (delivered, the
// rendered body stored) two batches later (64 in hand, as the worker's default), claims on one connection and
// records on another: each backend's CPU per message, and the WAL bytes per message of both. A scratch database; prints; asserts nothing. Interleave old and new trees
// for an A/B (the machine is shared).
//   npx tsx bench/claim-cost.ts [--messages 20000]     BENCH_PG=postgresql://… (server)
import { randomUUID } from "node:crypto";
import pg from "pg";
import { attemptRecord } from "../test/support/attempt-record.js";
import { callbackBody } from "../test/support/callback-body.js";
import { claimMessages, type ClaimedMessage } from "../src/db/claim-messages.js";
import type { Db } from "../src/db/db.js";
import { migrate } from "../src/db/migrate.js";
import { recordAttempts } from "../src/db/record-attempts.js";
import { recordEventsParams } from "../src/db/record-events-param.js";
import { recordEventsStatement } from "../src/db/record-events-sql.js";
import { noSteps } from "../src/db/statement-steps.js";
import { prepareEvent } from "../src/ingest/ingest-event.js";
import { batchRenderer } from "../src/notify/render-message-body.js";
import { processCpuMs } from "./process-cpu.js";

const args = process.argv.slice(2);
const at = args.indexOf("--messages");
const messages = at === -1 ? 20_000 : Number(args[at + 1]);
const batch = 32;
const server = process.env.BENCH_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `vod_claim_cost_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
const recordPool = new pg.Pool({ connectionString: url.toString(), max: 1 });
const db = { pool } as unknown as Db;
const recordDb = { pool: recordPool } as unknown as Db;
try {
  await migrate({ url: url.toString() });
  await pool.query(
    `INSERT INTO "NotifyEndpoint" (id, url, secret) VALUES ('ep_bench', 'https://example.com/hook', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')`,
  );
  const text = recordEventsStatement(noSteps);
  for (let n = 0; n < messages / 2; n += batch) {
    const group = Array.from({ length: batch }, (_, k) => {
      const body = callbackBody(n + k);
      return prepareEvent({ raw: body, bytes: Buffer.from(body), channel: "push" });
    });
    await pool.query({ name: "record", text, values: recordEventsParams(group) });
  }
  await pool.query("VACUUM ANALYZE");
  const backend = async (of: pg.Pool) =>
    (await of.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid as number;
  const [claimPid, recordPid] = [await backend(pool), await backend(recordPool)];
  const lsn = async () =>
    BigInt((await pool.query<{ b: string }>("SELECT pg_current_wal_lsn() - '0/0' AS b")).rows[0]?.b as string);
  const record = (claimed: ClaimedMessage[]) =>
    recordAttempts(
      recordDb,
      claimed.map((m) => attemptRecord(m, { body: m.rendered ? m.body : null })),
    );
  const cpu = [processCpuMs(claimPid), processCpuMs(recordPid)];
  const wal = await lsn();
  const started = performance.now();
  const inHand: ClaimedMessage[][] = [];
  let count = 0;
  for (;;) {
    const got = await claimMessages(db, {
      limit: batch,
      leaseMs: 600_000,
      claimToken: randomUUID(),
      render: batchRenderer(),
    });
    count += got.length;
    if (got.length > 0) inHand.push(got);
    if (inHand.length > 2 || (got.length === 0 && inHand.length > 0)) await record(inHand.shift() as ClaimedMessage[]);
    else if (got.length === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const per = (ms: number) => ((ms * 1000) / count).toFixed(0);
  console.log(
    `messages=${count} claim_backend_cpu_us=${per(processCpuMs(claimPid) - (cpu[0] as number))} ` +
      `record_backend_cpu_us=${per(processCpuMs(recordPid) - (cpu[1] as number))} ` +
      `wal_bytes=${(Number((await lsn()) - wal) / count).toFixed(0)} (per message) ` +
      `messages_per_s=${(count / seconds).toFixed(0)}`,
  );
} finally {
  await pool.end();
  await recordPool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
