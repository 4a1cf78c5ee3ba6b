import http from "node:http";
import type { Metrics } from "../metrics.js";

export /** A bare /metrics listener for commands without an HTTP API of their own (pull). */
async function serveMetrics(metrics: Metrics, host: string, port: number) {
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
