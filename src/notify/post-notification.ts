// One delivery attempt over HTTP(S) (issue 16 §3): POST the signed body to the address that was checked (never a
// fresh resolution: DNS rebinding), follow no redirect (a 3xx is an answer like any other: not delivered), give up
// after `timeoutMs` for the whole exchange, and read at most 2 KB of the answer — the rest is not read: the socket
// is destroyed, so a 50 MB answer costs us 2 KB. Never throws: every way it can go is an outcome.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { EndpointAddress } from "./resolve-endpoint-address.js";

export const KEPT_ANSWER_BYTES = 2048;

export type PostOutcome =
  | { kind: "answered"; status: number; body: string; retryAfter: string | undefined; latencyMs: number }
  | { kind: "no_answer"; error: string; latencyMs: number };

export function postNotification(request: {
  url: string;
  address: EndpointAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  const url = new URL(request.url);
  const { address, family } = request.address;
  // Node asks with {all: true} when it may try several addresses (autoSelectFamily): answer with the one we checked.
  const lookup = ((_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: unknown[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const req = client.request(
      url,
      {
        method: "POST",
        lookup,
        agent: false,
        headers: {
          ...request.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(request.body)),
          "user-agent": "vod-upload-tracker-notify",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const answered = () =>
          finish({
            kind: "answered",
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            retryAfter: res.headers["retry-after"],
            latencyMs: latencyMs(),
          });
        res.on("data", (chunk: Buffer) => {
          const room = KEPT_ANSWER_BYTES - kept;
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            kept += Math.min(room, chunk.length);
          }
          if (kept >= KEPT_ANSWER_BYTES) answered();
        });
        res.on("end", answered);
        // A connection closed mid-answer: the status line arrived, so the endpoint did answer.
        res.on("error", answered);
        res.on("aborted", answered);
      },
    );
    const timer = setTimeout(
      () => finish({ kind: "no_answer", error: `no answer within ${request.timeoutMs} ms`, latencyMs: latencyMs() }),
      request.timeoutMs,
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ kind: "no_answer", error: error.code ?? error.message, latencyMs: latencyMs() }),
    );
    req.end(request.body);
  });
}
