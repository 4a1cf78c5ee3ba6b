// Mounts declared routes (define-route.ts) on a router, each as its declaration says: the bearer check of its
// kind, the middleware it names, then its handler.
import { Router } from "express";
import type { RouteDefinition } from "./define-route.js";
import { requireBearer, type Tokens } from "./require-bearer.js";

export function mountRoutes<D>(routes: readonly RouteDefinition<D>[], deps: D, tokens: Tokens): Router {
  const router = Router();
  for (const route of routes) {
    const auth = route.auth === "none" ? [] : [requireBearer(tokens, route.auth)];
    router[route.method](route.path, ...auth, ...route.before(deps), route.handler(deps));
  }
  return router;
}
