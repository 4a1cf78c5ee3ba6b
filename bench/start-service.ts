// The built service (dist/cli.js serve) as production runs it — NODE_ENV=production, LOG_LEVEL=warn, the image's
// NODE_OPTIONS — on a scratch PostgreSQL database (dropped by drop()) or the embedded one, on a free port.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { imageNodeOptions } from "./image-node-options.js";

export interface BenchService {
  base: string;
  pid: number;
  databaseUrl: string | null;
  rssMb(): number;
  /**
   * Stops the service (SIGTERM: in-flight callbacks finish, and a --cpu-prof profile is written on the way out); the
   * database stays for the caller to read.
   */
  stop(): Promise<void>;
  /** Drops the scratch database and the data directory. */
  drop(): Promise<void>;
}

export async function startService(options: {
  serverUrl: string;
  embedded: boolean;
  env?: Record<string, string>;
  /** Arguments for node itself, before the script (--cpu-prof must be one: NODE_OPTIONS refuses it). */
  nodeArgs?: string[];
}): Promise<BenchService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-"));
  const name = `vod_bench_${Date.now()}`;
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = options.embedded ? null : url.toString();
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: options.serverUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  if (databaseUrl) await admin(`CREATE DATABASE "${name}"`);
  const port = 3900 + Math.floor(Math.random() * 90);
  const service = spawn(process.execPath, [...(options.nodeArgs ?? []), "dist/cli.js", "serve"], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: `${imageNodeOptions()} ${process.env.BENCH_NODE_OPTIONS ?? ""}`.trim(),
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      CALLBACK_TOKEN: "bench",
      API_TOKENS: "bench",
      DATA_DIR: dataDir,
      DATABASE_POOL_SIZE: "10",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((resolve) => service.on("exit", resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("service did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    pid: service.pid as number,
    databaseUrl,
    rssMb() {
      const status = fs.readFileSync(`/proc/${service.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      service.kill("SIGTERM");
      await exited;
    },
    async drop() {
      if (databaseUrl) await admin(`DROP DATABASE "${name}" WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
