// `vod-tracker listen --port 4000 --secret whsec_…`: a receiver to try notifications with (issue 16 §6). Verifies
// each one with the `standardwebhooks` package, as an app backend would, prints it as one JSON line on stdout and
// answers 204; a wrong or missing signature gets 401 and a line on the log. Nothing is stored.
import http from "node:http";
import { Webhook } from "standardwebhooks";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./command.js";
import { untilSignal } from "./until-signal.js";

export interface ListenOptions {
  port: number;
  host: string;
  secret: string;
}

/** A notification body is small (one upload); anything larger is not ours. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function listenCommand(_config: Config, logger: Logger, options: ListenOptions): Promise<Outcome> {
  const webhook = new Webhook(options.secret);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        if (size > MAX_BODY_BYTES) throw new Error("body too large");
        const payload = webhook.verify(body, req.headers as Record<string, string>);
        process.stdout.write(`${JSON.stringify({ webhookId: req.headers["webhook-id"], ...(payload as object) })}\n`);
        res.writeHead(204).end();
      } catch (error) {
        logger.warn({ webhookId: req.headers["webhook-id"], reason: (error as Error).message }, "not verified");
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":"signature not verified"}');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as { port: number };
  logger.info({ url: `http://${options.host}:${address.port}/` }, "listening for notifications");
  return untilSignal(logger, () => new Promise<void>((resolve) => server.close(() => resolve())));
}
