// Callbacks at a fixed rate (wrk2 is not installed; autocannon's overallRate sends each second's share in a burst at
// the start of the second): every 5 ms, as many requests as are due by then, over at most `connections` kept-alive
// connections (more wait in the agent's queue). A request's latency counts from when it was due, so a slow answer
// that holds the next ones back is not hidden (coordinated omission).
import http from "node:http";

export interface PacedResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const TICK_MS = 5;

export async function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  bodyOf: () => string;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const send = (dueAt: number) => {
    const body = options.bodyOf();
    const done = new Promise<void>((resolve) => {
      const req = http.request(
        options.url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - dueAt);
            if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) ok += 1;
            else non2xx += 1;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const start = performance.now();
  const end = start + options.seconds * 1000;
  const interval = 1000 / options.rate;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = Math.min(performance.now(), end);
      for (; start + sent * interval <= now; sent += 1) send(start + sent * interval);
      if (now >= end) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const stoppedSending = performance.now();
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    sent,
    ok,
    non2xx,
    errors,
    perSecond: ok / ((stoppedSending - start) / 1000),
    p50Ms: Number(at(50).toFixed(1)),
    p99Ms: Number(at(99).toFixed(1)),
  };
}
