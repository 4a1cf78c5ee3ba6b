// POST /v1/upload-signatures (DESIGN §6): a client upload signature (vod-reference.md §7) so web and mobile
// clients upload with VOD's own upload SDKs; the sourceContext comes back in the NewFileUpload callback.
import { z } from "zod";
import { storableText } from "../../storable-text.js";
import { AppError } from "../../errors.js";
import { createUploadSignature } from "../../vod/create-upload-signature.js";
import { defineRoute } from "../define-route.js";

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

const uploadSignatureSchema = z.object({ signature: z.string(), expiresAt: z.iso.datetime() });

export interface UploadSignatureRouteDeps {
  vodCredentials: { secretId: string; secretKey: string } | null;
  vodSubAppId?: number;
}

export const uploadSignatureRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/upload-signatures",
    summary: "a client upload signature for VOD's upload SDKs",
    auth: "api",
    body: uploadSignatureRequestSchema,
    answer: { status: 201, description: "the signature", schema: uploadSignatureSchema },
    errors: { 503: "VOD credentials are not configured" },
    handle: ({ body }, deps: UploadSignatureRouteDeps) => {
      if (!deps.vodCredentials)
        throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
      const { expiresIn, subAppId, ...rest } = body;
      const { signature, expiresAt } = createUploadSignature({
        ...deps.vodCredentials,
        ...rest,
        expiresInSeconds: expiresIn,
        subAppId: subAppId ?? deps.vodSubAppId,
      });
      return { signature, expiresAt: expiresAt.toISOString() };
    },
  }),
];
