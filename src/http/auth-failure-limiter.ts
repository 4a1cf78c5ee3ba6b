// Rate limiting of failed authentication on the bearer APIs (/v1 and /admin), with express-rate-limit: a client (by
// IP; IPv6 by /56) whose missing, wrong or expired credentials reached the limit within the window is answered 429
// rate_limited, with a valid token too (else the 429 and the 200 would tell a guesser which guess was right).
// - Mounted on /v1 and /admin only, after the admin page: health, readiness, metrics, OpenAPI, the page's files and
//   the callback route are never limited, and failures elsewhere (a callback with a stale token after a rotation, by
//   VOD itself) count toward nothing. /v1 and /admin share one budget: an admin token also opens /v1, so a guess on
//   either route is a guess at the same tokens.
// - Only failures count, recorded by the error mapper after the answer is known. The library's own way,
//   skipSuccessfulRequests, counts every request on arrival and takes successes back when they finish, so a client
//   with more valid requests in flight than the limit (64 connections behind one proxy address) would be refused.
//   Here the middleware's increment only looks, and recordFailure counts. The price: guesses in flight together
//   are all let through, so a first burst may pass the limit by its size; then the client waits out the window.
// - The memory store limits each replica on its own; replicas share a budget through any express-rate-limit Store
//   that can `get` (one in PostgreSQL or Redis), passed as `store`.
// Behind a proxy set TRUST_PROXY, or every client shares the proxy's address.
import type { Request, RequestHandler } from "express";
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type AugmentedRequest,
  type IncrementResponse,
  type Options,
  type Store,
} from "express-rate-limit";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";

// express-rate-limit's default, named here so that admits() keys a client as the guard does.
const IPV6_SUBNET = 56;

export type CountingStore = Store & Required<Pick<Store, "get">>;

export interface AuthFailureLimiter {
  /** Mount on /v1 and /admin: refuses a client whose failures reached the limit. */
  guard: RequestHandler;
  /** Counts a failed authentication of a request that passed the guard; other requests are not counted. */
  recordFailure(req: Request): Promise<void>;
  /** Whether the guard lets a request from this address (Express's req.ip) through: its failures are below the
   *  limit. False when the store cannot answer (the guard then lets the request on and logs: Express's to do). */
  admits(ip: string): Promise<boolean>;
}

export function createAuthFailureLimiter(
  options: { maxFailures?: number; windowMs?: number; store?: CountingStore; logger?: Logger } = {},
): AuthFailureLimiter {
  const maxFailures = options.maxFailures ?? 30; // 0 = off
  if (maxFailures === 0)
    return { guard: (_req, _res, next) => next(), recordFailure: async () => {}, admits: async () => true };
  const windowMs = options.windowMs ?? 60_000;
  const counts = options.store ?? new MemoryStore();
  const guard = rateLimit({
    windowMs,
    limit: maxFailures,
    store: lookingStore(counts),
    // The standard RateLimit headers describe a budget of requests; ours is of failures, which successful answers
    // would misstate. Only the 429 says when to come back.
    standardHeaders: false,
    legacyHeaders: false,
    ipv6Subnet: IPV6_SUBNET,
    // A store that cannot answer must not close the APIs: the request goes on, and the error is logged.
    passOnStoreError: true,
    // Its configuration warnings (X-Forwarded-For without TRUST_PROXY…) go to our log, once per limiter.
    ...(options.logger ? { logger: options.logger } : {}),
    handler(req, res, next) {
      const resetTime = (req as Partial<AugmentedRequest>).rateLimit?.resetTime;
      const waitMs = resetTime ? resetTime.getTime() - Date.now() : windowMs;
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil(waitMs / 1000))));
      next(new AppError("rate_limited", "too many failed authentication attempts; try again later"));
    },
  });
  return {
    guard,
    async admits(ip) {
      // The guard's key (express-rate-limit's default keyGenerator: the address, an IPv6 one by its /56) and its
      // test: the failures so far plus this request over the limit is refused.
      try {
        const current = await counts.get(ipKeyGenerator(ip, IPV6_SUBNET));
        return (current?.totalHits ?? 0) + 1 <= maxFailures;
      } catch {
        return false;
      }
    },
    async recordFailure(req) {
      // The guard leaves the client's key on the request; a request it did not see has none and is not counted.
      const key = (req as Partial<AugmentedRequest>).rateLimit?.key;
      if (key === undefined) return;
      try {
        await counts.increment(key);
      } catch (error) {
        options.logger?.warn({ err: error }, "could not count a failed authentication");
      }
    },
  };
}

/** What the middleware sees: its increment reports the failures so far plus this request, and stores nothing. */
function lookingStore(counts: CountingStore): Store {
  return {
    init: (options: Options) => counts.init?.(options),
    async increment(key): Promise<IncrementResponse> {
      const current = await counts.get(key);
      return { totalHits: (current?.totalHits ?? 0) + 1, resetTime: current?.resetTime };
    },
    decrement: () => {},
    resetKey: (key) => counts.resetKey(key),
    localKeys: counts.localKeys ?? false,
  };
}
