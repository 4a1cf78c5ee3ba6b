// GET /openapi.json: the OpenAPI 3.1 document, generated from the route declarations only (define-route.ts): the
// zod schemas that validate each request and type each answer, its auth and its error statuses. zod 4 writes JSON
// Schema itself (z.toJSONSchema: requests with io "input", answers with io "output"), which OpenAPI 3.1 uses as is.
// test/api/openapi.test.ts checks every route the app serves is here, and parses real answers with the schemas.
import { z } from "zod";
import type { RouteDefinition } from "./define-route.js";
import { errorAnswerSchema } from "./error-answer-schema.js";

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  components: Record<string, unknown>;
  paths: Record<string, Partial<Record<"get" | "post" | "patch" | "delete", Record<string, unknown>>>>;
}

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any" });
const json = "application/json";

function parameters(schema: z.ZodObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.includes(name),
    schema: property,
  }));
}

/** Headers a client acts on: the Bearer challenge, and when to try again after too many failures. */
function headersOf(route: RouteDefinition<never>, status: number) {
  if (route.auth === "none") return {};
  if (status === 401) return { headers: { "WWW-Authenticate": { schema: { type: "string" } } } };
  if (status === 429) return { headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } } };
  return {};
}

function operation(route: RouteDefinition<never>) {
  const query = route.query ?? route.documentedOnly.query;
  const body = route.body ?? route.documentedOnly.body;
  const { answer } = route;
  return {
    summary: route.summary,
    ...(route.auth === "none" ? {} : { security: [{ bearer: [] }] }),
    parameters: [...parameters(route.params, "path"), ...parameters(query, "query")],
    ...(body ? { requestBody: { required: true, content: { [json]: { schema: jsonSchema(body, "input") } } } } : {}),
    responses: {
      [answer.status]: {
        description: answer.description,
        ...(answer.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(answer.headers).map(([name, { description, schema }]) => [
                  name,
                  { description, schema: jsonSchema(schema, "output") },
                ]),
              ),
            }
          : {}),
        content: { [answer.contentType ?? json]: { schema: jsonSchema(answer.schema, "output") } },
      },
      ...Object.fromEntries(
        Object.entries(route.errors).map(([status, description]) => [
          status,
          {
            description,
            ...headersOf(route, Number(status)),
            content: { [json]: { schema: jsonSchema(errorAnswerSchema(Number(status)), "output") } },
          },
        ]),
      ),
    },
  };
}

export function openApiDocument(routes: readonly RouteDefinition<never>[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) (paths[route.path.replace(/:(\w+)/g, "{$1}")] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "vod-upload-tracker",
      version: "0.1.0",
      description: "Receives Tencent Cloud VOD events and answers upload status.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
