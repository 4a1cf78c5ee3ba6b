// POST /callbacks/vod — the URL set in the VOD console (DESIGN §6). Order: token (before the body is read) →
// JSON (400) → Sign/T (401) → schema. 200 only after the commit; a body that fails the schema is stored as
// `invalid` and still answered 200 (VOD cannot fix it and redelivery would not help).
import express, { Router, type RequestHandler } from "express";
import { AppError } from "../../errors.js";
import { ingestEvent, type IngestDeps, type IngestResult } from "../../ingest/ingest-event.js";
import { constantTimeIncludes } from "../constant-time-includes.js";
import { verifyVodSignature } from "../verify-vod-signature.js";

export const CALLBACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface CallbackAuth {
  tokens: readonly string[];
  signKeys: readonly string[];
}

export function callbackRoutes(deps: IngestDeps & { auth: CallbackAuth }): Router {
  const router = Router();
  router.post(
    "/callbacks/vod",
    requireCallbackToken(deps.auth),
    // Any content type: VOD's is not documented (vod-reference.md §10).
    express.raw({ type: () => true, limit: CALLBACK_BODY_LIMIT_BYTES }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const { signKeys } = deps.auth;
      const result = await ingestEvent(deps, {
        raw,
        channel: "push",
        authenticate: signKeys.length
          ? (body) => verifyVodSignature(signKeys, { body, query: req.query as Record<string, unknown>, headers: req.headers })
          : undefined,
      });
      res.status(200).json(callbackAnswer(result));
    },
  );
  return router;
}

function requireCallbackToken({ tokens, signKeys }: CallbackAuth): RequestHandler {
  return (req, _res, next) => {
    // Fail closed: with no check configured nothing is accepted (start-up refuses this in production).
    if (tokens.length === 0 && signKeys.length === 0) throw new AppError("unauthenticated", "callback authentication is not configured");
    if (tokens.length === 0) return next();
    const token = req.query.token;
    if (typeof token !== "string" || !constantTimeIncludes(tokens, token)) {
      throw new AppError("unauthenticated", token ? "callback token is not valid" : "callback token is missing");
    }
    next();
  };
}

function callbackAnswer(result: IngestResult) {
  switch (result.outcome) {
    case "applied":
      return { outcome: result.outcome, fileId: result.fileId, status: result.status };
    case "invalid":
      return { outcome: result.outcome, errors: result.errors };
    case "duplicate":
    case "ignored":
      return { outcome: result.outcome };
  }
}
