// The binary as a user runs it: `node --import tsx src/cli.ts …`, configured only by the environment given (plus
// PATH). Asynchronous, so servers in the test's own process (the emulator, an embedded database) keep answering.
import { spawn } from "node:child_process";
import path from "node:path";

const CLI = path.resolve("src/cli.ts");

export interface CliResult {
  /** null when it had to be killed: it did not exit within the timeout. */
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}
