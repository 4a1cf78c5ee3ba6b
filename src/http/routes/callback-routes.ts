// POST /callbacks/vod — the URL set in the VOD console (DESIGN §6). Order: token (before the body is read) →
// JSON (400) → Sign/T (401) → schema. 200 only after the commit; a body that fails the schema is stored as
// `invalid` and still answered 200 (VOD cannot fix it and redelivery would not help). The token and the raw body
// are read here, not by defineRoute's validation: the query and body schemas below document them only.
import express, { type RequestHandler } from "express";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { ingestEvent, type IngestDeps, type IngestResult } from "../../ingest/ingest-event.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { constantTimeIncludes } from "../constant-time-includes.js";
import { defineRoute } from "../define-route.js";
import { verifyVodSignature } from "../verify-vod-signature.js";

export const CALLBACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface CallbackAuth {
  tokens: readonly string[];
  signKeys: readonly string[];
}

export interface CallbackRouteDeps extends IngestDeps {
  callbackAuth: CallbackAuth;
}

const callbackAnswerSchema = z.object({
  outcome: z.enum(["applied", "duplicate", "ignored", "invalid"]),
  fileId: z.string().optional(),
  status: z.enum(uploadStatuses).optional(),
  errors: z.array(z.unknown()).optional(),
});

// A VOD event of either format; the receiver accepts any JSON object and validates it itself (DESIGN §6).
const vodEventBodySchema = z
  .record(z.string(), z.unknown())
  .describe("A VOD event notification: the current format (EventType) or the 2017 format (version/eventType/data)");

export const callbackRoutes = [
  defineRoute({
    method: "post",
    path: "/callbacks/vod",
    summary: "VOD event notification (the callback URL set in the VOD console)",
    auth: "none",
    documentedOnly: { query: z.object({ token: z.string().optional() }), body: vodEventBodySchema },
    before: (deps: CallbackRouteDeps) => [
      requireCallbackToken(deps.callbackAuth),
      // Any content type: VOD's is not documented (vod-reference.md §10).
      express.raw({ type: () => true, limit: CALLBACK_BODY_LIMIT_BYTES }),
    ],
    answer: { status: 200, description: "stored (or a duplicate)", schema: callbackAnswerSchema },
    errors: {
      400: "not JSON",
      401: "missing or wrong token, or Sign/T that do not verify (signature_expired: T in the past)",
      413: "body over 1 MiB",
      503: "database unavailable: not stored",
    },
    handle: async ({ req }, deps: CallbackRouteDeps) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const { signKeys } = deps.callbackAuth;
      const result = await ingestEvent(deps, {
        raw,
        channel: "push",
        authenticate: signKeys.length
          ? (body) => verifyVodSignature(signKeys, { body, query: req.query, headers: req.headers })
          : undefined,
      });
      return callbackAnswer(result);
    },
  }),
];

function requireCallbackToken({ tokens, signKeys }: CallbackAuth): RequestHandler {
  return (req, _res, next) => {
    // Fail closed: with no check configured nothing is accepted (start-up refuses this in production).
    if (tokens.length === 0 && signKeys.length === 0)
      throw new AppError("unauthenticated", "callback authentication is not configured");
    if (tokens.length === 0) return next();
    const token = req.query.token;
    if (typeof token !== "string" || !constantTimeIncludes(tokens, token)) {
      throw new AppError("unauthenticated", token ? "callback token is not valid" : "callback token is missing");
    }
    next();
  };
}

function callbackAnswer(result: IngestResult): z.input<typeof callbackAnswerSchema> {
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
