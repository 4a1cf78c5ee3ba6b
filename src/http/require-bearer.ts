// Bearer-token auth for the app and admin APIs (DESIGN §6): wrong or missing token → 401; a valid token of the
// wrong kind (an app token on an admin route) → 403. Admin tokens also work on app routes.
// A request checked once passes a second check of the same or a weaker kind at once: the /v1 and /admin prefix
// guards run before the router matches a path (so an unknown or undecodable path still answers 401 first), and
// each declared route then mounts its own check (define-route.ts).
import type { RequestHandler } from "express";
import { AppError } from "../errors.js";
import { constantTimeIncludes } from "./constant-time-includes.js";

export interface Tokens {
  api: readonly string[];
  admin: readonly string[];
}

/** The auth a route declares: none, or the bearer token kind it needs. */
export type BearerKind = "none" | "api" | "admin";

export function requireBearer(tokens: Tokens, kind: "api" | "admin"): RequestHandler {
  return (req, res, next) => {
    const checked: unknown = res.locals.tokenKind;
    if (checked === "admin" || checked === kind) return next();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    const presented = match?.[1];
    const isAdmin = presented !== undefined && constantTimeIncludes(tokens.admin, presented);
    const isApi = presented !== undefined && constantTimeIncludes(tokens.api, presented);
    if (!isAdmin && !isApi) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="vod-upload-tracker"');
      throw new AppError("unauthenticated", presented ? "bearer token is not valid" : "missing bearer token");
    }
    if (kind === "admin" && !isAdmin) throw new AppError("forbidden", "this route needs an admin token");
    res.locals.tokenKind = isAdmin ? "admin" : "api";
    next();
  };
}
