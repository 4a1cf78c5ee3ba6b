import http from "node:http";
import type { Metrics } from "../metrics.js";

export /** A bare /metrics listener for commands without an HTTP API of their own (pull). */
async function serveMetrics(metrics: Metrics, host: string, port: number) {
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
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
