// POST /callbacks/vod — the URL set in the VOD console (DESIGN §6). Order: token (before the body is read) →
// JSON (400) → Sign/T (401) → schema. 200 only after the commit; a body that fails the schema is stored as
// `invalid` and still answered 200 (VOD cannot fix it and redelivery would not help). The token and the raw body
// are read here, not by defineRoute's validation: the query and body schemas below document them only.
// Hazard: most callbacks never reach this route. callback-fast-path.ts answers them in front of Express with the
// same steps (check-callback-token.ts, ingest-callback.ts); this route takes what it hands over (a compressed
// body, a path spelled another way) and documents the route. A change here is a change there.
import express, { type RequestHandler } from "express";
import { z } from "zod";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { checkCallbackToken, type CallbackAuth } from "../check-callback-token.js";
import { defineRoute } from "../define-route.js";
import { ingestCallback, type CallbackRouteDeps } from "../ingest-callback.js";

export const CALLBACK_BODY_LIMIT_BYTES = 1024 * 1024;

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
    handle: ({ req }, deps: CallbackRouteDeps) =>
      ingestCallback(deps, {
        raw: Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "",
        ...(Buffer.isBuffer(req.body) ? { bytes: req.body } : {}),
        query: req.query,
        headers: req.headers,
      }),
  }),
];

function requireCallbackToken(auth: CallbackAuth): RequestHandler {
  return (req, _res, next) => {
    checkCallbackToken(auth, req.query.token);
    next();
  };
}
