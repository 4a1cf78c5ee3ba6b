import http from "node:http";
import type { Metrics } from "../metrics.js";

/** A bare /metrics listener for commands without an HTTP API of their own (pull). */
export async function serveMetrics(metrics: Metrics, host: string, port: number) {
  const server = http.createServer((req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    // A listener's rejected promise would be an unhandled rejection, which ends the process: answer 500 instead.
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  // A port in use rejects (told by describeStartupFailure) instead of crashing the process as an unhandled 'error'.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
