// Admin lookups (DESIGN §6, ADMIN_TOKENS): an upload's event timeline with its tasks, and one event's raw payload. The event list,
// replay, stats and reconcile live in admin-event-routes.ts, admin-stats-routes.ts and reconcile-routes.ts.
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import { listEventReplays } from "../../db/list-event-replays.js";
import type { UploadReader } from "../../db/create-upload-reader.js";
import { getVodEvent } from "../../db/get-vod-event.js";
import { listUploadEvents } from "../../db/list-upload-events.js";
import { listUploadTasks } from "../../db/list-upload-tasks.js";
import { storedOutcomes } from "../../db/record-event.js";
import { isUploadId } from "../../uploads/upload-ref.js";
import { defineRoute } from "../define-route.js";
import { taskJson, taskJsonSchema } from "../task-json.js";
import { uploadStatusJsonSchema, type UploadStatusJson } from "../../uploads/upload-status-json.js";
import { uploadStatusJsonText } from "../upload-status-json-text.js";
import { vodEventJson, vodEventJsonSchema, vodEventWithPayloadJsonSchema } from "../vod-event-json.js";
import { eventIdParamsSchema } from "./admin-event-routes.js";
import { uploadRefParamsSchema } from "./upload-routes.js";

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .optional(),
});

const timelineSchema = z.object({
  upload: uploadStatusJsonSchema.nullable().describe("null when we hold no row for the FileId, only events"),
  events: z.array(vodEventJsonSchema),
  tasks: z.array(taskJsonSchema).describe("every task heard of on the file, newest first (not paged)"),
  nextCursor: z.string().nullable(),
});

const eventWithReplaysSchema = vodEventWithPayloadJsonSchema.extend({
  replays: z.array(z.object({ id: z.string(), outcome: z.enum(storedOutcomes), receivedAt: z.iso.datetime() })),
});

export const adminRoutes = [
  defineRoute({
    method: "get",
    path: "/admin/uploads/:ref/events",
    summary: "an upload's event timeline and tasks",
    auth: "admin",
    params: uploadRefParamsSchema,
    query: timelineQuerySchema,
    answer: { status: 200, description: "upload, events and tasks", schema: timelineSchema },
    errors: { 404: "no upload and no event for this ref", 503: "database unavailable" },
    handle: async ({ params: { ref }, query: { limit, cursor } }, deps: { db: Db; reader: UploadReader }) => {
      // The upload as GET /v1/uploads/:ref answers it, outputs and readiness included.
      const text = await deps.reader.findText(ref);
      const upload = text && (JSON.parse(uploadStatusJsonText(text, { outputs: true })) as UploadStatusJson);
      const fileId = upload?.fileId ?? (isUploadId(ref) ? null : ref);
      if (!fileId) throw new AppError("not_found", `no upload with id or FileId ${ref}`);
      const [events, tasks] = await Promise.all([
        listUploadEvents(deps.db, fileId, { limit, afterId: cursor ? BigInt(cursor) : undefined }),
        listUploadTasks(deps.db, fileId),
      ]);
      if (!upload && events.length === 0) throw new AppError("not_found", `no upload or event for ${ref}`);
      return {
        upload,
        events: events.map((event) => vodEventJson(event, { withPayload: false })),
        tasks: tasks.map(taskJson),
        nextCursor: events.length === limit ? String(events.at(-1)?.id) : null,
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/events/:id",
    summary: "one event with its raw payload",
    auth: "admin",
    params: eventIdParamsSchema,
    answer: { status: 200, description: "the event", schema: eventWithReplaysSchema },
    errors: { 404: "unknown", 503: "database unavailable" },
    handle: async ({ params: { id } }, deps: { db: Db }) => {
      const event = await getVodEvent(deps.db, BigInt(id));
      // Replays that changed something are recorded as rows of their own: an event stored `invalid` and replayed
      // after a parser fix shows here what the replay did, while its own outcome stays the history of its arrival.
      const replays = await listEventReplays(deps.db, event.id);
      return {
        ...vodEventJson(event, { withPayload: true }),
        replays: replays.map((replay) => ({
          id: String(replay.id),
          outcome: replay.outcome as (typeof storedOutcomes)[number],
          receivedAt: replay.receivedAt.toISOString(),
        })),
      };
    },
  }),
];
