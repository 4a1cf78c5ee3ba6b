// Notification endpoints and their messages (issue 16 §1, §3; ADMIN_TOKENS). A secret is in the answer of create
// and rotate-secret only, never in a GET. URLs are checked when saved (check-endpoint-url.ts) and again at every
// delivery. Messages are listed per endpoint or per upload, with their attempts; resend and recover re-queue them
// with the same webhook-id, so a receiver that dedupes by it sees a resend as the message it may already have.
import { z } from "zod";
import type { Db } from "../../db/db.js";
import { enqueueMessage } from "../../db/enqueue-message.js";
import {
  createNotifyEndpoint,
  deleteNotifyEndpoint,
  getNotifyEndpoint,
  listNotifyEndpoints,
  rotateEndpointSecret,
  updateNotifyEndpoint,
  type EndpointView,
} from "../../db/notify-endpoint-store.js";
import {
  listNotifyAttempts,
  listNotifyMessages,
  recoverMessages,
  resendMessage,
  type AttemptView,
  type MessageView,
} from "../../db/notify-message-store.js";
import { checkEndpointUrl } from "../../notify/check-endpoint-url.js";
import { notifyEventTypes } from "../../notify/notify-event-types.js";
import { generateSecret } from "../../notify/sign-notification.js";
import { storableText } from "../../storable-text.js";
import { defineRoute } from "../define-route.js";

/** allowPrivate: ALLOW_PRIVATE_ENDPOINTS (refused when absent); wake: the in-process delivery worker, if any. */
export interface EndpointRouteDeps {
  db: Db;
  notify?: { allowPrivate: boolean; wake?: () => void };
}

const endpointIdParams = z.object({ id: z.string().regex(/^ep_[a-z0-9_]{1,40}$/, "must be an endpoint id") });
const messageIdParams = z.object({ id: z.string().regex(/^(msg_)?[0-9]{1,18}$/, "must be a message id") });
const eventTypes = z.array(z.enum(notifyEventTypes)).max(notifyEventTypes.length).describe("empty = every type");
const endpointFields = z.object({
  url: z.string().min(1).max(2000),
  description: storableText(0, 500).optional(),
  eventTypes: eventTypes.optional(),
  enabled: z.boolean().optional(),
});
const cursor = z
  .string()
  .regex(/^[0-9]{1,18}$/, "must be a nextCursor from an earlier page")
  .optional();
const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor });
const messageStatus = z.enum(["pending", "delivered", "failed"]);

const iso = z.iso.datetime();
const endpointJsonSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  previousSecretValidUntil: iso.nullable().describe("during a rotation: until when the old secret signs too"),
  createdAt: iso,
  updatedAt: iso,
});
const messageJsonSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  endpointId: z.string(),
  eventType: z.string(),
  uploadId: z.string().nullable(),
  sequence: z.number().nullable(),
  status: messageStatus,
  attempts: z.number(),
  nextAttemptAt: iso,
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: iso,
  deliveredAt: iso.nullable(),
});
const attemptJsonSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  endpointId: z.string(),
  outcome: z.enum(["delivered", "retry", "failed", "disabled", "refused"]),
  httpStatus: z.number().nullable(),
  latencyMs: z.number(),
  response: z.string().nullable().describe("the first 2 KB of the answer"),
  error: z.string().nullable(),
  createdAt: iso,
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const endpointJson = (e: EndpointView): z.input<typeof endpointJsonSchema> => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  previousSecretValidUntil:
    e.previousSecretUntil && e.previousSecretUntil.getTime() > Date.now() ? e.previousSecretUntil.toISOString() : null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});
const messageJson = (m: MessageView): z.input<typeof messageJsonSchema> => ({
  id: String(m.id),
  webhookId: `msg_${m.id}`,
  endpointId: m.endpointId,
  eventType: m.eventType,
  uploadId: m.uploadId,
  sequence: m.sequence === null ? null : Number(m.sequence),
  status: m.status as z.infer<typeof messageStatus>,
  attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt.toISOString(),
  lastStatus: m.lastStatus,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  deliveredAt: m.deliveredAt?.toISOString() ?? null,
});
const attemptJson = (a: AttemptView): z.input<typeof attemptJsonSchema> => ({
  ...a,
  id: String(a.id),
  messageId: String(a.messageId),
  outcome: a.outcome as z.infer<typeof attemptJsonSchema>["outcome"],
  createdAt: a.createdAt.toISOString(),
});
const pageJson = <R, J>(result: { items: R[]; next: bigint | null }, json: (row: R) => J) => ({
  items: result.items.map(json),
  nextCursor: result.next === null ? null : String(result.next),
});
const allowPrivate = (deps: EndpointRouteDeps) => deps.notify?.allowPrivate ?? false;
const messageId = (id: string) => BigInt(id.replace(/^msg_/, ""));

const errors = { 404: "unknown endpoint", 503: "database unavailable" } as const;

export const endpointRoutes = [
  defineRoute({
    method: "post",
    path: "/admin/endpoints",
    summary: "add a notification endpoint; its whsec_ secret is in this answer only",
    auth: "admin",
    body: endpointFields,
    answer: {
      status: 201,
      description: "the endpoint and its secret",
      schema: z.object({ endpoint: endpointJsonSchema, secret: z.string() }),
    },
    errors: { 400: "invalid request, or the URL refused (details.reason)", 503: "database unavailable" },
    handle: async ({ body }, deps: EndpointRouteDeps) => {
      const url = await checkEndpointUrl(body.url, { allowPrivate: allowPrivate(deps) });
      const { endpoint, secret } = await createNotifyEndpoint(deps.db, { ...body, url, secret: generateSecret() });
      return { endpoint: endpointJson(endpoint), secret };
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/endpoints",
    summary: "every notification endpoint (without secrets)",
    auth: "admin",
    answer: { status: 200, description: "the endpoints", schema: z.object({ items: z.array(endpointJsonSchema) }) },
    errors: { 503: "database unavailable" },
    handle: async (_input, deps: EndpointRouteDeps) => ({
      items: (await listNotifyEndpoints(deps.db)).map(endpointJson),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/admin/endpoints/:id",
    summary: "one notification endpoint (without its secret)",
    auth: "admin",
    params: endpointIdParams,
    answer: { status: 200, description: "the endpoint", schema: endpointJsonSchema },
    errors,
    handle: async ({ params }, deps: EndpointRouteDeps) => endpointJson(await getNotifyEndpoint(deps.db, params.id)),
  }),
  defineRoute({
    method: "patch",
    path: "/admin/endpoints/:id",
    summary: "change an endpoint's URL, description, event types, or enable/disable it",
    auth: "admin",
    params: endpointIdParams,
    body: endpointFields.partial(),
    answer: { status: 200, description: "the endpoint", schema: endpointJsonSchema },
    errors: { ...errors, 400: "invalid request, or the URL refused (details.reason)" },
    handle: async ({ params, body }, deps: EndpointRouteDeps) => {
      const url =
        body.url === undefined ? undefined : await checkEndpointUrl(body.url, { allowPrivate: allowPrivate(deps) });
      const endpoint = await updateNotifyEndpoint(deps.db, params.id, { ...body, ...(url ? { url } : {}) });
      if (body.enabled) deps.notify?.wake?.();
      return endpointJson(endpoint);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/admin/endpoints/:id",
    summary: "remove an endpoint with its messages and attempts",
    auth: "admin",
    params: endpointIdParams,
    answer: { status: 200, description: "removed", schema: z.object({ deleted: z.literal(true) }) },
    errors,
    handle: async ({ params }, deps: EndpointRouteDeps) => {
      await deleteNotifyEndpoint(deps.db, params.id);
      return { deleted: true as const };
    },
  }),
  defineRoute({
    method: "post",
    path: "/admin/endpoints/:id/rotate-secret",
    summary: "a new secret; the old one keeps signing beside it for 24 h",
    auth: "admin",
    params: endpointIdParams,
    answer: { status: 200, description: "the new secret (shown once)", schema: z.object({ secret: z.string() }) },
    errors,
    handle: async ({ params }, deps: EndpointRouteDeps) => rotateEndpointSecret(deps.db, params.id, generateSecret()),
  }),
  defineRoute({
    method: "post",
    path: "/admin/endpoints/:id/test",
    summary: "send the endpoint an endpoint.test message",
    auth: "admin",
    params: endpointIdParams,
    answer: {
      status: 200,
      description: "the message queued",
      schema: z.object({ messageId: z.string(), webhookId: z.string() }),
    },
    errors,
    handle: async ({ params }, deps: EndpointRouteDeps) => {
      await getNotifyEndpoint(deps.db, params.id);
      const [id] = await enqueueMessage(deps.db, {
        type: "endpoint.test",
        endpointId: params.id,
        data: { endpointId: params.id, message: "a test notification from vod-upload-tracker" },
      });
      deps.notify?.wake?.();
      return { messageId: String(id), webhookId: `msg_${id}` };
    },
  }),
  defineRoute({
    method: "post",
    path: "/admin/endpoints/:id/recover",
    summary: "send again every message to this endpoint that failed since a time",
    auth: "admin",
    params: endpointIdParams,
    body: z.object({ since: z.iso.datetime({ offset: true }) }),
    answer: {
      status: 200,
      description: "how many went back to the queue",
      schema: z.object({ recovered: z.number() }),
    },
    errors,
    handle: async ({ params, body }, deps: EndpointRouteDeps) => {
      const recovered = await recoverMessages(deps.db, params.id, new Date(body.since));
      deps.notify?.wake?.();
      return { recovered };
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/endpoints/:id/messages",
    summary: "an endpoint's messages, newest first",
    auth: "admin",
    params: endpointIdParams,
    query: pageQuery.extend({ status: messageStatus.optional() }),
    answer: { status: 200, description: "a page of messages", schema: page(messageJsonSchema) },
    errors,
    handle: async ({ params, query: { limit, cursor, status } }, deps: EndpointRouteDeps) => {
      await getNotifyEndpoint(deps.db, params.id);
      const found = await listNotifyMessages(
        deps.db,
        { endpointId: params.id, ...(status ? { status } : {}) },
        { limit, ...(cursor ? { beforeId: BigInt(cursor) } : {}) },
      );
      return pageJson(found, messageJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/endpoints/:id/attempts",
    summary: "an endpoint's delivery attempts, newest first",
    auth: "admin",
    params: endpointIdParams,
    query: pageQuery,
    answer: { status: 200, description: "a page of attempts", schema: page(attemptJsonSchema) },
    errors,
    handle: async ({ params, query: { limit, cursor } }, deps: EndpointRouteDeps) => {
      await getNotifyEndpoint(deps.db, params.id);
      const found = await listNotifyAttempts(
        deps.db,
        { endpointId: params.id },
        { limit, ...(cursor ? { beforeId: BigInt(cursor) } : {}) },
      );
      return pageJson(found, attemptJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/notifications",
    summary: "messages of every endpoint, newest first: the notifications an upload caused with ?uploadId",
    auth: "admin",
    query: pageQuery.extend({ uploadId: storableText(1, 200).optional(), status: messageStatus.optional() }),
    answer: { status: 200, description: "a page of messages", schema: page(messageJsonSchema) },
    errors: { 503: "database unavailable" },
    handle: async ({ query: { limit, cursor, uploadId, status } }, deps: EndpointRouteDeps) => {
      const found = await listNotifyMessages(
        deps.db,
        { ...(uploadId ? { uploadId } : {}), ...(status ? { status } : {}) },
        { limit, ...(cursor ? { beforeId: BigInt(cursor) } : {}) },
      );
      return pageJson(found, messageJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/admin/notifications/:id/attempts",
    summary: "one message's attempts, newest first",
    auth: "admin",
    params: messageIdParams,
    query: pageQuery,
    answer: { status: 200, description: "a page of attempts", schema: page(attemptJsonSchema) },
    errors: { 404: "unknown message", 503: "database unavailable" },
    handle: async ({ params, query: { limit, cursor } }, deps: EndpointRouteDeps) => {
      const found = await listNotifyAttempts(
        deps.db,
        { messageId: messageId(params.id) },
        { limit, ...(cursor ? { beforeId: BigInt(cursor) } : {}) },
      );
      return pageJson(found, attemptJson);
    },
  }),
  defineRoute({
    method: "post",
    path: "/admin/notifications/:id/resend",
    summary: "send one message again now, with the same webhook-id and a fresh schedule",
    auth: "admin",
    params: messageIdParams,
    answer: { status: 200, description: "queued", schema: z.object({ resent: z.literal(true) }) },
    errors: { 404: "unknown message", 503: "database unavailable" },
    handle: async ({ params }, deps: EndpointRouteDeps) => {
      await resendMessage(deps.db, messageId(params.id));
      deps.notify?.wake?.();
      return { resent: true as const };
    },
  }),
];
