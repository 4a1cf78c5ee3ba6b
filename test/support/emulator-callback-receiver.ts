// A tiny HTTP server standing in for our callback route: records every POST and answers with the next status of
// `answers` (then 200), so tests can make the emulator retry.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedCallback {
  raw: string;
  body: any;
  headers: Record<string, string | string[] | undefined>;
  answeredWith: number;
}

export async function startCallbackReceiver(answers: number[] = []) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const status = answers.shift() ?? 200;
      received.push({ raw, body: JSON.parse(raw), headers: req.headers, answeredWith: status });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks/vod?token=t0ken`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
