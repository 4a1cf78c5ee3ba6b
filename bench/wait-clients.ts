// Phase 3 of bench/notify.ts: many clients each holding one GET /v1/uploads/:ref?waitFor=…&timeout=… open (the wait
// API of issue 16 §5), each on a connection of its own, and when each was answered with which Wait-Result.
import http from "node:http";

export interface WaitAnswer {
  ref: string;
  status: number;
  /** met | unreachable | timeout, or "" when the answer had no Wait-Result header. */
  result: string;
  at: number;
}

export function holdWaiters(options: {
  base: string;
  token: string;
  refs: readonly string[];
  waitFor: string;
  timeoutS: number;
}): { answers: Promise<WaitAnswer[]>; answered: () => number } {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  let count = 0;
  const one = (ref: string) =>
    new Promise<WaitAnswer>((resolve, reject) => {
      const url = `${options.base}/v1/uploads/${ref}?waitFor=${options.waitFor}&timeout=${options.timeoutS}`;
      const req = http.get(url, { agent, headers: { authorization: `Bearer ${options.token}` } }, (res) => {
        res.resume();
        res.on("end", () => {
          count += 1;
          resolve({
            ref,
            status: res.statusCode ?? 0,
            result: String(res.headers["wait-result"] ?? ""),
            at: Date.now(),
          });
        });
      });
      req.on("error", reject);
    });
  const answers = Promise.all(options.refs.map(one)).finally(() => agent.destroy());
  return { answers, answered: () => count };
}

/** Whether the service answers ?waitFor= with a Wait-Result header (the wait API is in this build). */
export async function hasWaitApi(base: string, token: string, ref: string): Promise<boolean> {
  const answer = await fetch(`${base}/v1/uploads/${ref}?waitFor=uploaded&timeout=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await answer.arrayBuffer();
  return answer.headers.has("wait-result");
}
