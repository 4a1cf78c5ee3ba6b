// POST /admin/uploads/:ref/reconcile (DESIGN §6, ADMIN_TOKENS): check one upload against VOD and repair what a
// lost callback left behind (src/vod/reconcile-upload.ts). ref is an `upl_` id or a FileId — also a FileId we
// hold nothing about, whose row the repair then creates. Answers the upload before and after, what VOD said and
// the events recorded (channel "reconcile"); a second call records nothing new.
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import { listVodEventsById } from "../../db/list-vod-events-by-id.js";
import { findUpload } from "../../db/find-upload.js";
import { isUploadId } from "../../uploads/upload-ref.js";
import type { VodClient } from "../../vod/client.js";
import { reconcileUpload } from "../../vod/reconcile-upload.js";
import { defineRoute } from "../define-route.js";
import { uploadJson, uploadJsonSchema } from "../../uploads/upload-json.js";
import { vodEventJson, vodEventJsonSchema } from "../vod-event-json.js";
import { uploadRefParamsSchema } from "./upload-routes.js";

export const reconcileAnswerSchema = z.object({
  outcome: z.enum(["repaired", "in_sync", "unverifiable", "stale"]),
  fileId: z.string().nullable(),
  before: uploadJsonSchema.nullable(),
  after: uploadJsonSchema.nullable(),
  vod: z.object({ exists: z.boolean(), taskId: z.string().nullable(), taskStatus: z.string().nullable() }).nullable(),
  events: z.array(vodEventJsonSchema),
});

export interface ReconcileRouteDeps {
  db: Db;
  vod: VodClient | null;
  vodSubAppId?: number;
}

export const reconcileRoutes = [
  defineRoute({
    method: "post",
    path: "/admin/uploads/:ref/reconcile",
    summary: "check an upload against VOD and repair it",
    auth: "admin",
    params: uploadRefParamsSchema,
    answer: { status: 200, description: "what was repaired", schema: reconcileAnswerSchema },
    errors: {
      404: "no upload with this upl_ id",
      502: "VOD error",
      503: "database unavailable, or VOD credentials are not configured",
    },
    handle: async ({ params: { ref } }, deps: ReconcileRouteDeps) => {
      if (!deps.vod)
        throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
      const upload = await findUpload(deps.db, ref);
      if (!upload && isUploadId(ref)) throw new AppError("not_found", `no upload with id ${ref}`);
      const result = await reconcileUpload(
        { db: deps.db, vod: deps.vod, defaultSubAppId: deps.vodSubAppId },
        { upload, fileId: upload ? upload.fileId : ref },
      );
      const ids = result.events.flatMap(({ result: ingested }) =>
        "eventId" in ingested && ingested.eventId ? [BigInt(ingested.eventId)] : [],
      );
      const recorded = await listVodEventsById(deps.db, ids);
      return {
        outcome: result.outcome,
        fileId: result.fileId,
        before: result.before && uploadJson(result.before),
        after: result.after && uploadJson(result.after),
        vod: result.vod,
        events: recorded.map((event) => vodEventJson(event, { withPayload: false })),
      };
    },
  }),
];
