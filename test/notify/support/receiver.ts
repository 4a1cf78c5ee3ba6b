// An app backend's receiver on loopback for the notification tests: records every request (headers and raw body)
// and answers as the test's `answer` says (status, headers, a body, a hang, a huge body).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The sender's port: one per connection. */
  remotePort: number | undefined;
}

export type Answer = (received: Received, index: number, res: http.ServerResponse) => void;

export const ok: Answer = (_received, _index, res) => res.writeHead(204).end();

export async function startReceiver(answer: Answer = ok) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        remotePort: req.socket.remotePort,
      };
      received.push(entry);
      state.answer(entry, received.length - 1, res);
    });
  });
  const state = { answer };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    setAnswer: (next: Answer) => (state.answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
