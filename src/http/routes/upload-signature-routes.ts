// POST /v1/upload-signatures (DESIGN §6): a client upload signature (vod-reference.md §7) so web and mobile
// clients upload with VOD's own upload SDKs; the sourceContext comes back in the NewFileUpload callback.
import { Router } from "express";
import { z } from "zod";
import { storableText } from "../../storable-text.js";
import { AppError } from "../../errors.js";
import { createUploadSignature } from "../../vod/create-upload-signature.js";
import { requireBearer, type Tokens } from "../require-bearer.js";
import { validateBody } from "../validate.js";

/** One hour unless asked otherwise: long enough for a large mobile upload, short enough to leak little. */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;

export const uploadSignatureRequestSchema = z.object({
  sourceContext: storableText(0, 250).optional(),
  sessionContext: storableText(0, 1000).optional(),
  procedure: storableText(1, 128).optional(),
  classId: z.number().int().min(0).optional(),
  storageRegion: storableText(1, 64).optional(),
  expiresIn: z.number().int().min(1).max(7_776_000).default(DEFAULT_EXPIRES_IN_SECONDS),
  oneTimeValid: z.boolean().optional(),
  subAppId: z.number().int().positive().optional(),
});

export function uploadSignatureRoutes(deps: {
  tokens: Tokens;
  credentials: { secretId: string; secretKey: string } | null;
  defaultSubAppId?: number;
}): Router {
  const router = Router();
  router.post("/v1/upload-signatures", requireBearer(deps.tokens, "api"), (req, res) => {
    const request = validateBody(uploadSignatureRequestSchema, req);
    if (!deps.credentials) throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
    const { expiresIn, subAppId, ...rest } = request;
    const { signature, expiresAt } = createUploadSignature({
      ...deps.credentials,
      ...rest,
      expiresInSeconds: expiresIn,
      subAppId: subAppId ?? deps.defaultSubAppId,
    });
    res.status(201).json({ signature, expiresAt: expiresAt.toISOString() });
  });
  return router;
}
