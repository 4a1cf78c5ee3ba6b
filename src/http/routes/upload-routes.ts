// The app backend's API (DESIGN §6): status of one upload, and pages of uploads with filters.
import { Router } from "express";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Prisma } from "../../db/create-prisma.js";
import { findUpload } from "../../db/find-upload.js";
import { listUploads } from "../../db/list-uploads.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { requireBearer, type Tokens } from "../require-bearer.js";
import { uploadJson } from "../upload-json.js";
import { validateParams, validateQuery } from "../validate.js";
import { decodeCursor, encodeCursor } from "../upload-cursor.js";

export const uploadRefParamsSchema = z.object({ ref: z.string().min(1).max(200) });

export const listUploadsQuerySchema = z.object({
  sourceContext: z.string().max(1000).optional(),
  status: z.enum(uploadStatuses).optional(),
  procedureTaskId: z.string().max(200).optional(),
  updatedAfter: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function uploadRoutes(deps: { prisma: Prisma; tokens: Tokens }): Router {
  const router = Router();
  router.use("/v1", requireBearer(deps.tokens, "api"));

  router.get("/v1/uploads/:ref", async (req, res) => {
    const { ref } = validateParams(uploadRefParamsSchema, req);
    const upload = await findUpload(deps.prisma, ref);
    if (!upload) throw new AppError("not_found", `no upload with id or FileId ${ref}`);
    res.json(uploadJson(upload));
  });

  router.get("/v1/uploads", async (req, res) => {
    const { limit, cursor, ...filter } = validateQuery(listUploadsQuerySchema, req);
    const page = await listUploads(deps.prisma, filter, { limit, after: cursor ? decodeCursor(cursor) : undefined });
    res.json({ items: page.items.map(uploadJson), nextCursor: page.next ? encodeCursor(page.next) : null });
  });

  return router;
}
