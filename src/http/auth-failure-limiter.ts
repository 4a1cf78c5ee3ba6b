// Rate limiting of failed authentication on the bearer APIs (/v1, /admin): a client (by IP) that presented wrong or
// missing credentials too often within a window is answered 429 before any token is compared, which makes
// guessing slow and cheap to refuse. In memory, per process: each replica limits on its own.
// Behind a proxy set TRUST_PROXY, or every client shares the proxy's address. The callback route is never blocked
// (its failures are only counted): blocking an address there could refuse VOD itself, and a refused event may be
// lost for good after VOD's few retries.
import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

export interface AuthFailureLimiter {
  /** Middleware: refuses a client that is over the limit. */
  guard: RequestHandler;
  /** Called when a request from this client failed authentication. */
  recordFailure(client: string): void;
}

export function createAuthFailureLimiter(options: { maxFailures?: number; windowMs?: number; now?: () => number } = {}): AuthFailureLimiter {
  const maxFailures = options.maxFailures ?? 30; // 0 = off
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();

  const sweep = (at: number) => {
    // Bounded memory under a spray of addresses: forget expired windows whenever the map grows large.
    if (failures.size < 10_000) return;
    for (const [client, entry] of failures) if (entry.resetAt <= at) failures.delete(client);
  };

  return {
    guard(req, res, next) {
      if (maxFailures === 0 || req.path.startsWith("/callbacks/")) return next();
      const entry = failures.get(req.ip ?? "unknown");
      const at = now();
      if (entry && entry.resetAt > at && entry.count >= maxFailures) {
        res.setHeader("Retry-After", String(Math.ceil((entry.resetAt - at) / 1000)));
        throw new AppError("rate_limited", "too many failed authentication attempts; try again later");
      }
      next();
    },
    recordFailure(client) {
      const at = now();
      sweep(at);
      const entry = failures.get(client);
      if (!entry || entry.resetAt <= at) failures.set(client, { count: 1, resetAt: at + windowMs });
      else entry.count += 1;
    },
  };
}
