// The app backend's API (DESIGN §6): status of one upload, pages of uploads with filters, and the server upload
// flow (ApplyUpload, CommitUpload). Behind the /v1 bearer guard (create-app.ts) and each route's own check.
// Hazard: most status GETs and pages never reach these two routes. upload-reads-fast-path.ts answers them in front of
// Express through the same schemas and answer functions, and hands over what it does not take (a long poll, a refused
// token, a conditional request…). A change to their validation, answer or headers is a change there.
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import type { UploadReader } from "../../db/create-upload-reader.js";
import { findUpload } from "../../db/find-upload.js";
import { reviewStatuses } from "../../events/review/vod-review.js";
import { readyLevels } from "../../uploads/readiness.js";
import { uploadStatuses } from "../../uploads/upload-state.js";
import { storableText, storableTime } from "../../storable-text.js";
import type { VodClient } from "../../vod/client.js";
import { commitUpload } from "../../vod/commit-upload.js";
import { startUpload, startUploadSchema } from "../../vod/start-upload.js";
import { defineRoute } from "../define-route.js";
import { JsonText } from "../json-text.js";
import { findUploadAnswer } from "../find-upload-answer.js";
import { listUploadsAnswer } from "../list-uploads-answer.js";
import { uploadNotFound } from "../upload-not-found.js";
import {
  uploadListItemJsonSchema,
  uploadStatusJson,
  uploadStatusJsonSchema,
  type UploadStatusJson,
} from "../../uploads/upload-status-json.js";
import { uploadStatusJsonText } from "../upload-status-json-text.js";
import type { UploadWatch } from "../../db/create-upload-watch.js";
import { waitForLevels } from "../../uploads/wait-condition.js";
import { waitForUpload } from "../wait-for-upload.js";
import { closedSignal } from "../closed-signal.js";

export const uploadRefParamsSchema = z.object({ ref: storableText(1, 200) });

// The long poll (issue 16 §5, wait-for-upload.ts). Without waitFor the GET answers at once, as it always has.
export const waitForUploadQuerySchema = z.object({
  waitFor: z
    .enum(waitForLevels)
    .optional()
    .describe(
      "answer when this holds: uploaded (UPLOADED, PROCESSING or PROCESSED), processed (PROCESSED), playable " +
        "(ready.playable), publishable (ready.publishable), final (PROCESSED, FAILED or DELETED); at once when it " +
        "can no longer hold (FAILED or DELETED); else when the timeout passes",
    ),
  timeout: z.coerce.number().int().min(1).max(60).default(30).describe("seconds to wait at most (with waitFor)"),
});

export const listUploadsQuerySchema = z.object({
  sourceContext: storableText(0, 1000).optional(),
  status: z.enum(uploadStatuses).optional(),
  procedureTaskId: storableText(0, 200).optional(),
  updatedAfter: storableTime.optional(),
  ready: z
    .enum(readyLevels)
    .optional()
    .describe("only uploads whose ready.playable (playable), ready.complete (complete) or ready.publishable is true"),
  review: z
    .enum(reviewStatuses)
    .optional()
    .describe("only uploads whose review.status is this: block (blocked), review (to be looked at by a person), …"),
  include: z.enum(["outputs"]).optional().describe("outputs: each item carries its outputs, as GET /v1/uploads/:ref"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const uploadPageSchema = z.object({ items: z.array(uploadListItemJsonSchema), nextCursor: z.string().nullable() });

const startedUploadSchema = z.object({
  upload: uploadStatusJsonSchema,
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
  /** Batched status reads (create-upload-reader.ts); the polled GET and the list answer from upload-json-reader.ts. */
  reader: UploadReader;
  /** Who follows uploads for long polls in this process (create-upload-watch.ts). */
  watch: UploadWatch;
  vod: VodClient | null;
  vodSubAppId?: number;
}

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
      // PENDING, without a FileId yet: no outputs or tasks can name it.
      return { upload: uploadStatusJson(upload, { outputs: [], taskStatuses: [] }), storage };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/uploads/:ref/commit",
    summary: "CommitUpload",
    auth: "api",
    params: uploadRefParamsSchema,
    answer: { status: 200, description: "the committed upload", schema: uploadStatusJsonSchema },
    errors: {
      400: "invalid request, or VOD refused it (vod_rejected)",
      404: "unknown",
      502: "VOD error, or its answer was lost (vod_outcome_unknown: calling commit again is safe)",
      503: unavailable,
    },
    handle: async ({ params: { ref } }, deps: UploadRouteDeps) => {
      const upload = await findUpload(deps.db, ref);
      if (!upload) throw uploadNotFound(ref);
      const committed = await commitUpload({ db: deps.db, vod: vodOf(deps) }, upload);
      // Read again, as the status GET does: events about the new FileId may have arrived before VOD's answer.
      const text = await deps.reader.findText(committed.id);
      if (!text) throw uploadNotFound(ref);
      return new JsonText<UploadStatusJson>(uploadStatusJsonText(text, { outputs: true }));
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/uploads/:ref",
    summary: "one upload by FileId or upl_ id; with waitFor, when it reaches a state (long poll)",
    auth: "api",
    params: uploadRefParamsSchema,
    query: waitForUploadQuerySchema,
    answer: {
      status: 200,
      description: "the upload, its readiness and its outputs",
      schema: uploadStatusJsonSchema,
      headers: {
        "Wait-Result": {
          description:
            "with waitFor: met (the condition holds), unreachable (it can no longer hold: FAILED or DELETED), " +
            "timeout (the state when the timeout passed)",
          schema: z.enum(["met", "unreachable", "timeout"]),
        },
      },
    },
    errors: { 404: "unknown (at once, also with waitFor)", 503: "database unavailable" },
    handle: async ({ params: { ref }, query: { waitFor, timeout }, res }, deps: UploadRouteDeps) => {
      if (waitFor === undefined) return new JsonText<UploadStatusJson>(await findUploadAnswer(deps.db, ref));
      const waited = await waitForUpload(deps, ref, { waitFor, timeoutMs: timeout * 1000, signal: closedSignal(res) });
      if (!waited) throw uploadNotFound(ref);
      res.setHeader("Wait-Result", waited.result);
      return new JsonText<UploadStatusJson>(waited.text);
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
    handle: async ({ query }, deps: UploadRouteDeps) =>
      new JsonText<z.input<typeof uploadPageSchema>>(await listUploadsAnswer(deps.db, query)),
  }),
];
