// GET /openapi.json: the OpenAPI 3.1 document generated from the very zod schemas that validate requests (no
// hand-written copy), plus the response shapes. zod 4 writes JSON Schema itself (z.toJSONSchema, the request
// side with io "input"), which OpenAPI 3.1 uses as is. test/api/openapi.test.ts checks every route is in it.
import { z } from "zod";
import { errorCodes } from "../errors.js";
import { startUploadSchema } from "../vod/start-upload.js";
import { listEventsQuerySchema, eventIdParamsSchema } from "./routes/admin-event-routes.js";
import { timelineQuerySchema } from "./routes/admin-routes.js";
import { reconcileAnswerSchema } from "./routes/reconcile-routes.js";
import { uploadSignatureRequestSchema } from "./routes/upload-signature-routes.js";
import { listUploadsQuerySchema, uploadRefParamsSchema } from "./routes/upload-routes.js";
import { uploadJsonSchema } from "./upload-json.js";

const errorSchema = z.object({ error: z.object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() }) });
const callbackAnswerSchema = z.object({
  outcome: z.enum(["applied", "duplicate", "ignored", "invalid"]),
  fileId: z.string().optional(),
  status: uploadJsonSchema.shape.status.optional(),
  errors: z.array(z.unknown()).optional(),
});
// A VOD event of either format; the receiver accepts any JSON object and validates it itself (DESIGN §6).
const vodEventBodySchema = z.record(z.string(), z.unknown()).describe("A VOD event notification: the current format (EventType) or the 2017 format (version/eventType/data)");
const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = { 400: json(errorSchema, "invalid request"), 401: json(errorSchema, "missing or wrong token") };
const bearer = [{ bearer: [] }];

interface RouteConfig {
  method: "get" | "post";
  path: string;
  summary: string;
  security?: Array<Record<string, string[]>>;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: { content: { "application/json": { schema: z.ZodType } } };
  };
  responses: Record<number, { description: string; content: Record<string, { schema: z.ZodType }> }>;
}

const routes: RouteConfig[] = [
  { method: "post", path: "/callbacks/vod", summary: "VOD event notification (the callback URL set in the VOD console)",
    request: { query: z.object({ token: z.string().optional() }), body: { content: { "application/json": { schema: vodEventBodySchema } } } },
    responses: { 200: json(callbackAnswerSchema, "stored (or a duplicate)"), ...errors, 413: json(errorSchema, "body over 1 MiB"), 503: json(errorSchema, "database unavailable: not stored") } },
  { method: "get", path: "/v1/uploads/{ref}", summary: "one upload by FileId or upl_ id", security: bearer,
    request: { params: uploadRefParamsSchema }, responses: { 200: json(uploadJsonSchema, "the upload"), ...errors, 404: json(errorSchema, "unknown") } },
  { method: "get", path: "/v1/uploads", summary: "uploads, newest first, keyset pages", security: bearer,
    request: { query: listUploadsQuerySchema }, responses: { 200: json(z.object({ items: z.array(uploadJsonSchema), nextCursor: z.string().nullable() }), "a page"), ...errors } },
  { method: "post", path: "/v1/uploads", summary: "ApplyUpload: start a server upload", security: bearer,
    request: { body: { content: { "application/json": { schema: startUploadSchema } } } },
    responses: { 201: json(z.object({ upload: uploadJsonSchema, storage: z.record(z.string(), z.unknown()) }), "PENDING upload and where to put the bytes"), ...errors, 502: json(errorSchema, "VOD error") } },
  { method: "post", path: "/v1/uploads/{ref}/commit", summary: "CommitUpload", security: bearer,
    request: { params: uploadRefParamsSchema }, responses: { 200: json(uploadJsonSchema, "the committed upload"), ...errors, 404: json(errorSchema, "unknown") } },
  { method: "post", path: "/v1/upload-signatures", summary: "a client upload signature for VOD's upload SDKs", security: bearer,
    request: { body: { content: { "application/json": { schema: uploadSignatureRequestSchema } } } },
    responses: { 201: json(z.object({ signature: z.string(), expiresAt: z.string() }), "the signature"), ...errors } },
  { method: "get", path: "/admin/uploads/{ref}/events", summary: "an upload's event timeline", security: bearer,
    request: { params: uploadRefParamsSchema, query: timelineQuerySchema }, responses: { 200: json(z.record(z.string(), z.unknown()), "upload and events"), ...errors, 403: json(errorSchema, "not an admin token") } },
  { method: "post", path: "/admin/uploads/{ref}/reconcile", summary: "check an upload against VOD and repair it", security: bearer,
    request: { params: uploadRefParamsSchema }, responses: { 200: json(reconcileAnswerSchema, "what was repaired"), ...errors, 403: json(errorSchema, "not an admin token") } },
  { method: "get", path: "/admin/events", summary: "stored events, newest first", security: bearer,
    request: { query: listEventsQuerySchema }, responses: { 200: json(z.record(z.string(), z.unknown()), "a page of events"), ...errors, 403: json(errorSchema, "not an admin token") } },
  { method: "get", path: "/admin/events/{id}", summary: "one event with its raw payload", security: bearer,
    request: { params: eventIdParamsSchema }, responses: { 200: json(z.record(z.string(), z.unknown()), "the event"), ...errors, 404: json(errorSchema, "unknown") } },
  { method: "post", path: "/admin/events/{id}/replay", summary: "replay a stored event through the ingest path", security: bearer,
    request: { params: eventIdParamsSchema }, responses: { 200: json(z.record(z.string(), z.unknown()), "the outcome"), ...errors, 404: json(errorSchema, "unknown") } },
  { method: "get", path: "/admin/stats", summary: "counts by status and outcome, time since the last event", security: bearer,
    responses: { 200: json(z.record(z.string(), z.unknown()), "statistics"), ...errors } },
  { method: "get", path: "/healthz", summary: "the process answers", responses: { 200: json(z.object({ status: z.literal("ok") }), "up") } },
  { method: "get", path: "/readyz", summary: "the database answers", responses: { 200: json(z.object({ status: z.literal("ready") }), "ready"), 503: json(errorSchema, "not ready") } },
  { method: "get", path: "/metrics", summary: "Prometheus metrics", responses: { 200: { description: "text exposition format", content: { "text/plain": { schema: z.string() } } } } },
  { method: "get", path: "/openapi.json", summary: "this document", responses: { 200: json(z.record(z.string(), z.unknown()), "OpenAPI 3.1") } },
];

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

function parameters(schema: z.ZodObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => ({
    name, in: location, required: location === "path" || required.includes(name), schema: property,
  }));
}

function operation(route: RouteConfig) {
  const body = route.request?.body?.content["application/json"].schema;
  return {
    summary: route.summary,
    ...(route.security ? { security: route.security } : {}),
    parameters: [...parameters(route.request?.params, "path"), ...parameters(route.request?.query, "query")],
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(body, "input") } } } } : {}),
    responses: Object.fromEntries(Object.entries(route.responses).map(([status, answer]) => [
      status,
      {
        description: answer.description,
        content: Object.fromEntries(Object.entries(answer.content).map(([type, { schema }]) => [type, { schema: jsonSchema(schema, "output") }])),
      },
    ])),
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: { title: "vod-upload-tracker", version: "0.1.0", description: "Receives Tencent Cloud VOD events and answers upload status." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
