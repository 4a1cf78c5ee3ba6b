// The app backend of bench/notify.ts, in a process of its own so the load generator's CPU does not delay its clock:
// verifies every notification with the `standardwebhooks` package (as an app backend would), answers 204 (401 when
// it does not verify), and keeps the first arrival time (Date.now()) of each webhook-id. Talks to its parent over
// IPC: sends {port} once listening; answers "report" with what it received. Secret: NOTIFY_SECRET.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceiverReport {
  /** [webhook-id, first arrival ms] */
  arrivals: Array<[string, number]>;
  verified: number;
  refused: number;
  /** Deliveries of a webhook-id already received (at least once means some may come twice). */
  repeats: number;
}

const webhook = new Webhook(process.env.NOTIFY_SECRET ?? "");
const arrivals = new Map<string, number>();
let verified = 0;
let refused = 0;
let repeats = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const at = Date.now();
    try {
      webhook.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
    } catch {
      refused += 1;
      res.writeHead(401).end();
      return;
    }
    verified += 1;
    const id = String(req.headers["webhook-id"]);
    if (arrivals.has(id)) repeats += 1;
    else arrivals.set(id, at);
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on("message", (message) => {
  if (message === "report") {
    const report: ReceiverReport = { arrivals: [...arrivals], verified, refused, repeats };
    process.send?.(report);
  }
});
process.on("disconnect", () => server.close(() => process.exit(0)));
