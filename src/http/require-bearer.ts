// Bearer-token auth for the app and admin APIs (DESIGN §6): wrong or missing token → 401; a valid token of the
// wrong kind (an app token on an admin route) → 403. Admin tokens also work on app routes.
import type { RequestHandler } from "express";
import { AppError } from "../errors.js";
import { constantTimeIncludes } from "./constant-time-includes.js";

export interface Tokens {
  api: readonly string[];
  admin: readonly string[];
}

export function requireBearer(tokens: Tokens, kind: "api" | "admin"): RequestHandler {
  return (req, res, next) => {
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
