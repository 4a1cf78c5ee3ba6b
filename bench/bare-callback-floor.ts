// The floor under the callback's Node CPU (issue 13): what plain node:http costs per callback on this machine for
// the HTTP part alone — bench:quick's wrk load (unique ~1.2 KB NewFileUpload, 64 connections) against a server that
// reads each body, JSON.parse-s it and answers a constant with the same headers our fast path writes (helmet's
// recording, X-Request-Id, Content-Type, Content-Length), in one writeHead + end, with no database. Whatever the
// service spends above this per callback is ingest, the database client and group commit.
//   npx tsx bench/bare-callback-floor.ts            (BENCH_SECONDS=10)
// Prints; asserts nothing. The server runs in a child process (so its CPU is its own), under the image's NODE_OPTIONS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { imageNodeOptions } from "./image-node-options.js";
import { processCpuMs } from "./process-cpu.js";
import { runWrk, writeWrkScript } from "./wrk-load.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 64;

if (process.argv[2] === "--serve") {
  const http = await import("node:http");
  const { recordHelmetHeaders } = await import("../src/http/record-helmet-headers.js");
  const fixed = recordHelmetHeaders().set.flat();
  const answer = JSON.stringify({ outcome: "applied", fileId: "5285890784273533167", status: "UPLOADED" });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const headers = [...fixed, "X-Request-Id", "r", "Content-Type", "application/json; charset=utf-8"];
      headers.push("Content-Length", String(Buffer.byteLength(answer)));
      res.writeHead(200, headers);
      res.end(answer);
    });
  });
  server.listen(Number(process.argv[3]), "127.0.0.1", () => process.send?.("ready"));
} else {
  const port = 3990 + Math.floor(Math.random() * 9);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL(import.meta.url).pathname, "--serve", String(port)],
    {
      env: { ...process.env, NODE_OPTIONS: imageNodeOptions(), NODE_ENV: "production" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  await new Promise((resolve) => child.once("message", resolve));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vod-bench-floor-"));
  const script = writeWrkScript(scratch);
  const url = `http://127.0.0.1:${port}/callbacks/vod?token=bench`;
  await runWrk({ url, connections, seconds: 3, script });
  const before = processCpuMs(child.pid as number);
  const main = await runWrk({ url, connections, seconds, script });
  const cpuMs = processCpuMs(child.pid as number) - before;
  child.kill("SIGTERM");
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(
    `bare_node_http_floor: connections=${connections} callbacks_per_s=${main.perSecond.toFixed(0)} ` +
      `p50_ms=${main.p50Ms.toFixed(1)} p99_ms=${main.p99Ms.toFixed(1)} non2xx=${main.non2xx} ` +
      `node_us_per_callback=${((cpuMs * 1000) / Math.max(main.requests, 1)).toFixed(0)}`,
  );
}
