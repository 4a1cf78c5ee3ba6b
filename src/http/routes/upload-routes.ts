// The app backend's API (DESIGN §6): status of one upload, and pages of uploads with filters.
import { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import type { UploadReader } from "../../db/create-upload-reader.js";
import { findUpload } from "../../db/find-upload.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { requireBearer, type Tokens } from "../require-bearer.js";
import { uploadJson } from "../upload-json.js";
import { storableText, storableTime } from "../../storable-text.js";
import { validateBody, validateParams, validateQuery } from "../validate.js";
import { decodeCursor, encodeCursor } from "../upload-cursor.js";
import type { VodClient } from "../../vod/client.js";
import { commitUpload } from "../../vod/commit-upload.js";
import { startUpload, startUploadSchema } from "../../vod/start-upload.js";

export const uploadRefParamsSchema = z.object({ ref: storableText(1, 200) });

export const listUploadsQuerySchema = z.object({
  sourceContext: storableText(0, 1000).optional(),
  status: z.enum(uploadStatuses).optional(),
  procedureTaskId: storableText(0, 200).optional(),
  updatedAfter: storableTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export interface UploadRouteDeps {
  db: Db;
  /** Batched status reads for the polled GET (create-upload-reader.ts). */
  reader: UploadReader;
  tokens: Tokens;
  vod: VodClient | null;
  vodSubAppId?: number;
}

export function uploadRoutes(deps: UploadRouteDeps): Router {
  const router = Router();
  router.use("/v1", requireBearer(deps.tokens, "api"));
  const vod = (): VodClient => {
    if (!deps.vod) throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
    return deps.vod;
  };

  router.post("/v1/uploads", async (req, res) => {
    const request = validateBody(startUploadSchema, req);
    const { upload, target } = await startUpload({ db: deps.db, vod: vod(), defaultSubAppId: deps.vodSubAppId }, request);
    if (!upload) throw new Error("startUpload recorded no upload");
    const { vodSessionKey: _kept, ...storage } = target;
    res.status(201).json({ upload: uploadJson(upload), storage });
  });

  router.post("/v1/uploads/:ref/commit", async (req, res) => {
    const { ref } = validateParams(uploadRefParamsSchema, req);
    const upload = await findUpload(deps.db, ref);
    if (!upload) throw new AppError("not_found", `no upload with id or FileId ${ref}`);
    res.json(uploadJson(await commitUpload({ db: deps.db, vod: vod() }, upload)));
  });

  router.get("/v1/uploads/:ref", async (req, res) => {
    const { ref } = validateParams(uploadRefParamsSchema, req);
    const upload = await deps.reader.find(ref);
    if (!upload) throw new AppError("not_found", `no upload with id or FileId ${ref}`);
    res.json(uploadJson(upload));
  });

  router.get("/v1/uploads", async (req, res) => {
    const { limit, cursor, ...filter } = validateQuery(listUploadsQuerySchema, req);
    const page = await deps.reader.list({ filter, limit, after: cursor ? decodeCursor(cursor) : undefined });
    res.json({ items: page.items.map(uploadJson), nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  return router;
}
