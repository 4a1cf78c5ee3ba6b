// POST /v1/uploads/pull (DESIGN §6-7, issue 15): VOD's PullUpload — VOD fetches the URL itself — and the PENDING
// upload keyed by the pull TaskId, which PullComplete moves to UPLOADED (with the FileId) or FAILED (with its ErrCode).
// Everything VOD would refuse for its form is refused here first, as a 400 naming the field, before any VOD call
// (pull-upload-limits.ts holds VOD's limits). VOD's errors map like every VOD call's; PullUpload is never retried
// (pull-upload.ts says why). Answer: 201 with the Upload JSON and the TaskId, read after the row was written, so a
// PullComplete that came before VOD's answer shows (the row it made is the one answered: never two rows).
import { z } from "zod";
import { AppError } from "../../errors.js";
import { createPendingPullUpload } from "../../db/create-pending-pull-upload.js";
import type { UploadReader } from "../../db/create-upload-reader.js";
import type { Db } from "../../db/db.js";
import { storableText } from "../../storable-text.js";
import type { VodClient } from "../../vod/client.js";
import { pullUpload } from "../../vod/pull-upload.js";
import { mediaUrlProblem, PULL_UPLOAD_LIMITS } from "../../vod/pull-upload-limits.js";
import { defineRoute } from "../define-route.js";
import { JsonText } from "../json-text.js";
import { uploadStatusJsonSchema } from "../../uploads/upload-status-json.js";
import { uploadStatusJsonText } from "../upload-status-json-text.js";

const limits = PULL_UPLOAD_LIMITS;

/** An absolute http(s) URL VOD can fetch (mediaUrlProblem: length, control characters, scheme, host). */
const pullableUrl = () =>
  z.string().superRefine((url, context) => {
    const problem = mediaUrlProblem(url);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const pullUploadRequestSchema = z.object({
  mediaUrl: pullableUrl().describe(`the file VOD fetches: http(s), at most ${limits.mediaUrlMaxLength} characters`),
  mediaName: storableText(1, 256).optional(),
  mediaType: z
    .string()
    .regex(/^[A-Za-z0-9]{1,16}$/, "a file extension such as mp4")
    .optional()
    .describe("the file's type when the URL does not end in it"),
  coverUrl: pullableUrl().optional().describe("a cover image VOD fetches too"),
  procedure: storableText(1, 128).optional().describe("the task-flow template to run once the file is in"),
  storageRegion: storableText(1, 64).optional(),
  classId: z.number().int().min(0).optional(),
  sourceContext: storableText(0, limits.sourceContextMaxLength)
    .optional()
    .describe("comes back in PullComplete and every later event; VOD allows 250 characters"),
  sessionContext: storableText(0, limits.sessionContextMaxLength)
    .optional()
    .describe("comes back in PullComplete and the task flow's events; VOD allows 1,000 characters"),
  sessionId: storableText(1, limits.sessionIdMaxLength)
    .optional()
    .describe("VOD refuses a second pull with the same SessionId for 3 days: pass one to repeat a request safely"),
  expireTime: z.iso.datetime({ offset: true }).optional().describe("when VOD deletes the file (ISO 8601)"),
  tasksPriority: z.number().int().min(-10).max(10).optional(),
  subAppId: z.number().int().positive().optional(),
});

const pullStartedSchema = uploadStatusJsonSchema.extend({
  taskId: z.string().describe("VOD's pull TaskId (also pull.taskId)"),
});

export interface PullUploadRouteDeps {
  db: Db;
  reader: UploadReader;
  vod: VodClient | null;
  vodSubAppId?: number;
}

export const pullUploadRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/uploads/pull",
    summary: "PullUpload: VOD fetches a file from a URL",
    auth: "api",
    body: pullUploadRequestSchema,
    answer: {
      status: 201,
      description: "the upload (PENDING until PullComplete, unless it came first) and VOD's pull TaskId",
      schema: pullStartedSchema,
    },
    errors: {
      400: "invalid request (the field is named), or VOD refused it (vod_rejected)",
      502: "VOD error, or its answer was lost (vod_outcome_unknown: repeat only with the same sessionId)",
      503: "VOD credentials are not configured (vod_not_configured), or the database is unavailable",
    },
    handle: async ({ body }, deps: PullUploadRouteDeps) => {
      if (!deps.vod)
        throw new AppError("vod_not_configured", "VOD credentials are not configured (TENCENTCLOUD_SECRET_ID/KEY)");
      const subAppId = body.subAppId ?? deps.vodSubAppId;
      const { taskId } = await pullUpload(deps.vod, { ...body, subAppId });
      // If this write fails VOD is pulling anyway: its PullComplete records the upload (an early event).
      const row = await createPendingPullUpload(deps.db, {
        pullTaskId: taskId,
        sourceUrl: body.mediaUrl,
        mediaType: body.mediaType?.toLowerCase() ?? null,
        name: body.mediaName ?? null,
        procedure: body.procedure ?? null,
        storageRegion: body.storageRegion ?? null,
        sourceContext: body.sourceContext ?? null,
        sessionContext: body.sessionContext ?? null,
        sessionId: body.sessionId ?? null,
        subAppId: subAppId ?? null,
        classId: body.classId ?? null,
      });
      const text = await deps.reader.findText(row.id);
      if (!text) throw new Error(`upload ${row.id} of pull task ${taskId} vanished`);
      const json = uploadStatusJsonText(text, { outputs: true });
      return new JsonText<z.input<typeof pullStartedSchema>>(`{"taskId":${JSON.stringify(taskId)},${json.slice(1)}`);
    },
  }),
];
