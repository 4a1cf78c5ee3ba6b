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
    const presented = presentedBearer(req.headers.authorization);
    const found = tokenKindOf(tokens, presented);
    if (found === null) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="vod-upload-tracker"');
      throw new AppError("unauthenticated", presented ? "bearer token is not valid" : "missing bearer token");
    }
    if (kind === "admin" && found !== "admin") throw new AppError("forbidden", "this route needs an admin token");
    res.locals.tokenKind = found;
    next();
  };
}

/** The token of an Authorization header, if it presents one. */
export function presentedBearer(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

/** Which kind of token was presented, or null when none or none of ours. Both lists are always compared. */
export function tokenKindOf(tokens: Tokens, presented: string | undefined): "admin" | "api" | null {
  if (presented === undefined) return null;
  const isAdmin = constantTimeIncludes(tokens.admin, presented);
  const isApi = constantTimeIncludes(tokens.api, presented);
  return isAdmin ? "admin" : isApi ? "api" : null;
}
