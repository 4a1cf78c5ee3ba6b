// One delivery attempt over HTTP(S) (issue 16 §3): POST the signed body through the endpoint's keep-alive agent
// (endpoint-agents.ts: every new connection goes to a checked address), follow no redirect (a 3xx is an answer like
// any other: not delivered), give up after `timeoutMs` for the whole exchange (a wait for a free connection
// included), and read at most 2 KB of the answer. An answer read to its end leaves the connection to the agent for the
// next message; one cut at 2 KB, late or broken is destroyed with its connection, so a 50 MB answer costs us 2 KB and
// a connection never carries the rest of an old answer. Never throws: every way it can go is an outcome.
import http from "node:http";
import https from "node:https";
import { REFUSED_CODE } from "./endpoint-agents.js";

export const KEPT_ANSWER_BYTES = 2048;
/** A pooled connection the endpoint closed while idle fails at once: sent again on another, this many times. */
const STALE_CONNECTION_RETRIES = 2;

export type PostOutcome =
  | { kind: "answered"; status: number; body: string; retryAfter: string | undefined; latencyMs: number }
  | { kind: "no_answer"; error: string; latencyMs: number }
  | { kind: "refused"; error: string; latencyMs: number };

export function postNotification(request: {
  url: URL;
  agent: http.Agent;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  const client = request.url.protocol === "https:" ? https : http;
  const headers = {
    ...request.headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(request.body)),
    "user-agent": "vod-upload-tracker-notify",
  };
  return new Promise((resolve) => {
    let settled = false;
    let current: http.ClientRequest | null = null;
    const finish = (outcome: PostOutcome, destroy: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (destroy) current?.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () =>
        finish({ kind: "no_answer", error: `no answer within ${request.timeoutMs} ms`, latencyMs: latencyMs() }, true),
      request.timeoutMs,
    );
    const send = (retriesLeft: number) => {
      let responded = false;
      const onResponse = (res: http.IncomingMessage) => {
        responded = true;
        const chunks: Buffer[] = [];
        let kept = 0;
        const answered = (destroy: boolean) =>
          finish(
            {
              kind: "answered",
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
              retryAfter: res.headers["retry-after"],
              latencyMs: latencyMs(),
            },
            destroy,
          );
        res.on("data", (chunk: Buffer) => {
          const room = KEPT_ANSWER_BYTES - kept;
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            kept += Math.min(room, chunk.length);
          }
          if (kept >= KEPT_ANSWER_BYTES) answered(true);
        });
        res.on("end", () => answered(false));
        // A connection closed mid-answer: the status line arrived, so the endpoint did answer.
        res.on("error", () => answered(true));
        res.on("aborted", () => answered(true));
      };
      let req: http.ClientRequest;
      try {
        req = client.request(request.url, { method: "POST", agent: request.agent, headers }, onResponse);
      } catch (error) {
        // A connection refused before it was attempted (by the socket layer itself): no answer, tried again later.
        const { code, message } = error as NodeJS.ErrnoException;
        finish({ kind: "no_answer", error: code ?? message, latencyMs: latencyMs() }, false);
        return;
      }
      current = req;
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (error.code === REFUSED_CODE) {
          finish({ kind: "refused", error: error.message, latencyMs: latencyMs() }, true);
        } else if (req.reusedSocket && !responded && retriesLeft > 0 && isStaleConnection(error)) {
          // Node's advice for keep-alive (http.ClientRequest#reusedSocket): the endpoint closed the idle connection
          // as we wrote to it, so it almost surely did not see this request (if it did, it dedupes by webhook-id:
          // at least once). Again on another connection, within the same timeout.
          send(retriesLeft - 1);
        } else {
          finish({ kind: "no_answer", error: error.code ?? error.message, latencyMs: latencyMs() }, true);
        }
      });
      req.end(request.body);
    };
    send(STALE_CONNECTION_RETRIES);
  });
}

const isStaleConnection = (error: NodeJS.ErrnoException) => error.code === "ECONNRESET" || error.code === "EPIPE";
