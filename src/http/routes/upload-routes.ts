// The app backend's API (DESIGN §6): status of one upload, pages of uploads with filters, and the server upload
// flow (ApplyUpload, CommitUpload). Behind the /v1 bearer guard (create-app.ts) and each route's own check.
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import type { UploadReader } from "../../db/create-upload-reader.js";
import { findUpload } from "../../db/find-upload.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { storableText, storableTime } from "../../storable-text.js";
import type { VodClient } from "../../vod/client.js";
import { commitUpload } from "../../vod/commit-upload.js";
import { startUpload, startUploadSchema } from "../../vod/start-upload.js";
import { defineRoute } from "../define-route.js";
import { decodeCursor } from "../upload-cursor.js";
import { JsonText } from "../json-text.js";
import { uploadJson, uploadJsonSchema, type UploadJson } from "../upload-json.js";
import { uploadJsonText } from "../upload-json-text.js";
import { uploadPageJsonText } from "../upload-page-json-text.js";

export const uploadRefParamsSchema = z.object({ ref: storableText(1, 200) });

export const listUploadsQuerySchema = z.object({
  sourceContext: storableText(0, 1000).optional(),
  status: z.enum(uploadStatuses).optional(),
  procedureTaskId: storableText(0, 200).optional(),
  updatedAfter: storableTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const uploadPageSchema = z.object({ items: z.array(uploadJsonSchema), nextCursor: z.string().nullable() });

const startedUploadSchema = z.object({
  upload: uploadJsonSchema,
  storage: z
    .object({
      bucket: z.string(),
      region: z.string(),
      mediaKey: z.string(),
      coverKey: z.string().nullable(),
      credentials: z.object({ secretId: z.string(), secretKey: z.string(), token: z.string() }).nullable(),
      expiresAt: z.iso.datetime().nullable(),
    })
    .describe("where and how to put the bytes: the COS bucket, object keys and temporary credentials"),
});

export interface UploadRouteDeps {
  db: Db;
  /** Batched status reads for the polled GET (create-upload-reader.ts). */
  reader: UploadReader;
  vod: VodClient | null;
  vodSubAppId?: number;
}

const notFound = (ref: string) => new AppError("not_found", `no upload with id or FileId ${ref}`);
const unavailable = "database unavailable, or VOD credentials are not configured";

function vodOf(deps: UploadRouteDeps): VodClient {
  if (!deps.vod)
    throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
  return deps.vod;
}

export const uploadRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/uploads",
    summary: "ApplyUpload: start a server upload",
    auth: "api",
    body: startUploadSchema,
    answer: { status: 201, description: "PENDING upload and where to put the bytes", schema: startedUploadSchema },
    errors: { 400: "invalid request, or VOD refused it (vod_rejected)", 502: "VOD error", 503: unavailable },
    handle: async ({ body }, deps: UploadRouteDeps) => {
      const { upload, target } = await startUpload(
        { db: deps.db, vod: vodOf(deps), defaultSubAppId: deps.vodSubAppId },
        body,
      );
      if (!upload) throw new Error("startUpload recorded no upload");
      const { vodSessionKey: _kept, ...storage } = target;
      return { upload: uploadJson(upload), storage };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/uploads/:ref/commit",
    summary: "CommitUpload",
    auth: "api",
    params: uploadRefParamsSchema,
    answer: { status: 200, description: "the committed upload", schema: uploadJsonSchema },
    errors: {
      400: "invalid request, or VOD refused it (vod_rejected)",
      404: "unknown",
      502: "VOD error, or its answer was lost (vod_outcome_unknown: calling commit again is safe)",
      503: unavailable,
    },
    handle: async ({ params: { ref } }, deps: UploadRouteDeps) => {
      const upload = await findUpload(deps.db, ref);
      if (!upload) throw notFound(ref);
      return uploadJson(await commitUpload({ db: deps.db, vod: vodOf(deps) }, upload));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/uploads/:ref",
    summary: "one upload by FileId or upl_ id",
    auth: "api",
    params: uploadRefParamsSchema,
    answer: { status: 200, description: "the upload", schema: uploadJsonSchema },
    errors: { 404: "unknown", 503: "database unavailable" },
    handle: async ({ params: { ref } }, deps: UploadRouteDeps) => {
      const upload = await deps.reader.findText(ref);
      if (!upload) throw notFound(ref);
      return new JsonText<UploadJson>(uploadJsonText(upload));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/uploads",
    summary: "uploads, newest first, keyset pages",
    auth: "api",
    query: listUploadsQuerySchema,
    answer: { status: 200, description: "a page", schema: uploadPageSchema },
    errors: { 503: "database unavailable" },
    handle: async ({ query: { limit, cursor, ...filter } }, deps: UploadRouteDeps) => {
      const page = await deps.reader.listText({ filter, limit, after: cursor ? decodeCursor(cursor) : undefined });
      return new JsonText<z.input<typeof uploadPageSchema>>(uploadPageJsonText(page));
    },
  }),
];
