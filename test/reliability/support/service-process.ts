// The service (or the pull worker) as a real child process: `node --import tsx src/cli.ts <command>`, configured
// only through its environment as in production. Output is kept (last 1 MiB) for failure messages; nothing else
// is inherited from the test's environment but PATH, HOME and TMPDIR.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const CLI = path.resolve("src/cli.ts");
const OUTPUT_KEPT = 1024 * 1024;

export interface ChildService {
  pid: number;
  /** http://127.0.0.1:<port> for `serve`. */
  url: string;
  port: number;
  exited: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output(): string;
  rssMb(): number;
  /** Sends the signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export interface ChildOptions {
  command: "serve" | "pull";
  env: Record<string, string>;
  /** For `serve`: the port to listen on (default: a free one). */
  port?: number;
  readyTimeoutMs?: number;
}

export async function startChild(options: ChildOptions): Promise<ChildService> {
  const port = options.command === "serve" ? (options.port ?? (await freePort())) : 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-rel-"));
  const child = spawn(process.execPath, ["--import", "tsx", CLI, options.command], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? os.tmpdir(),
      TMPDIR: os.tmpdir(),
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const handle: ChildService = {
    pid: child.pid ?? -1,
    url: `http://127.0.0.1:${port}`,
    port,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    get exitCode() {
      return child.exitCode;
    },
    get signal() {
      return child.signalCode;
    },
    output: () => output,
    rssMb: () => rssMbOf(child),
    async kill(signal = "SIGKILL") {
      if (!handle.exited) child.kill(signal);
      await exit;
    },
    async stop(graceMs = 15_000) {
      if (handle.exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  try {
    if (options.command === "serve") await waitForReady(handle, options.readyTimeoutMs ?? 60_000);
    else await waitForOutput(handle, /pulling events/, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await handle.kill();
    throw error;
  }
  return handle;
}

async function waitForReady(service: ChildService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.exited)
      throw new Error(
        `service exited (${service.exitCode ?? service.signal}) before it was ready:\n${service.output()}`,
      );
    try {
      const response = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`service not ready within ${timeoutMs} ms:\n${service.output()}`);
}

async function waitForOutput(child: ChildService, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(child.output())) {
    if (child.exited) throw new Error(`process exited (${child.exitCode ?? child.signal}):\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${child.output()}`);
    await sleep(50);
  }
}

function rssMbOf(child: ChildProcess): number {
  try {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** A loopback port nobody listens on right now (for a process that must keep its port across restarts). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
