// The PostgreSQL ceiling: pgbench running the plain per-callback transaction (bench/ceiling/README.md) against a
// scratch database, exactly as the shared yardstick says (-n -M prepared -c16 -j1 -T<seconds>), with one realistic
// ~1.2 KB NewFileUpload body as the payload. Also what PostgreSQL's processes spent per transaction, for comparison
// with what they spend per callback of ours.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startCpuMeter } from "./process-cpu.js";

export interface Ceiling {
  tps: number;
  postgresCpuMsPerTx: number;
  source: string;
}

function yardstickDir(): string {
  const shared = path.resolve("..", "shared", "bench");
  return existsSync(path.join(shared, "ceiling.sql")) ? shared : path.resolve("bench", "ceiling");
}

export async function measureCeiling(options: {
  serverUrl: string;
  seconds: number;
  payload: string;
}): Promise<Ceiling> {
  const dir = yardstickDir();
  const name = `vod_ceiling_${Date.now()}`;
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    await c.query(readFileSync(path.join(dir, "ceiling-schema.sql"), "utf8"));
    await c.query("INSERT INTO ceiling_payload VALUES ($1)", [options.payload]);
    await c.end();
    const meter = startCpuMeter(process.pid);
    const { stdout: output } = await promisify(execFile)(
      "pgbench",
      [
        "-n",
        "-M",
        "prepared",
        "-c16",
        "-j1",
        "-D",
        "loaded=0",
        `-T${options.seconds}`,
        "-f",
        path.join(dir, "ceiling.sql"),
        url.toString(),
      ],
      { encoding: "utf8" },
    );
    const { postgresMs } = meter.stop();
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? 0);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? 0);
    return {
      tps,
      postgresCpuMsPerTx: postgresMs / Math.max(transactions, 1),
      source: path.relative(process.cwd(), dir),
    };
  } finally {
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
