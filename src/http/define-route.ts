// One declaration per route (STYLE §17): the object defineRoute returns is what mountRoutes mounts (the bearer
// check of its kind, `before`, then params → query → body through validate(), then the handler) and all that
// openApiDocument reads, so the document cannot drift from the code. A handler returns its answer, typed against
// the schema of its one success answer; errors are thrown and answered by the one error mapper. Answers are not
// parsed at run time (the status GET is the hot path): test/api/openapi.test.ts parses real ones instead.
import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { JsonText } from "./json-text.js";
import type { BearerKind } from "./require-bearer.js";
import { validate } from "./validate.js";

/** The one success answer of a route; errors are thrown (AppError) and answered by the error mapper. */
export interface AnswerSpec {
  status: 200 | 201;
  description: string;
  schema: z.ZodType;
  /** application/json unless set; the handler may set the exact type itself (with its version and charset). */
  contentType?: string;
  /** Headers of the answer a client acts on (documented only; the handler sets them). */
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler returns: its answer, or that answer already written as JSON text (json-text.ts). */
type Answer<A extends AnswerSpec> = z.input<A["schema"]> | JsonText<z.input<A["schema"]>>;

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  req: Request;
  res: Response;
}

/** Errors a route answers beyond those its auth and inputs imply (400, 401, 403, 413, 429 and 500 are added). */
export type DeclaredErrors = Partial<Record<400 | 401 | 404 | 413 | 502 | 503, string>>;

export interface RouteSpec<D, P, Q, B, A extends AnswerSpec> {
  method: "get" | "post" | "patch" | "delete";
  /** Express's syntax (`:ref`); the document writes `{ref}`. */
  path: string;
  summary: string;
  auth: BearerKind;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented but not parsed before the handler: the callback reads its token and raw body itself. */
  documentedOnly?: { query?: z.ZodObject; body?: z.ZodType };
  /** Middleware between the bearer check and validation (the callback's token check and raw body parser). */
  before?: (deps: D) => RequestHandler[];
  answer: A;
  errors?: DeclaredErrors;
  /** Returns the answer's body, typed against the declared schema. */
  handle: (input: RouteInput<P, Q, B>, deps: D) => Answer<A> | Promise<Answer<A>>;
}

export interface RouteDefinition<D> {
  readonly method: "get" | "post" | "patch" | "delete";
  readonly path: string;
  readonly summary: string;
  readonly auth: BearerKind;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly documentedOnly: { query?: z.ZodObject; body?: z.ZodType };
  readonly answer: AnswerSpec;
  /** Every error status the route may answer, with what it means here. */
  readonly errors: Readonly<Record<number, string>>;
  readonly before: (deps: D) => RequestHandler[];
  readonly handler: (deps: D) => RequestHandler;
}

export function defineRoute<
  D,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends AnswerSpec = AnswerSpec,
>(spec: RouteSpec<D, P, Q, B, A>): RouteDefinition<D> {
  const bearer = spec.auth !== "none";
  const errors: Record<number, string> = {};
  if (spec.params || spec.query || spec.body) errors[400] = "invalid request";
  if (bearer) errors[401] = "missing or wrong bearer token";
  if (spec.auth === "admin") errors[403] = "not an admin token";
  if (spec.body) errors[413] = "body over its limit";
  if (bearer) errors[429] = "too many failed authentications from this address: wait for Retry-After";
  errors[500] = "internal error (the details go to the log only)";
  for (const [status, description] of Object.entries(spec.errors ?? {})) {
    if (description) errors[Number(status)] = description;
  }
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    auth: spec.auth,
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    documentedOnly: spec.documentedOnly ?? {},
    answer: spec.answer,
    errors,
    before: (deps) => spec.before?.(deps) ?? [],
    handler: (deps) => async (req, res) => {
      // Params, then query, then body: the first that fails is the one invalid_request answered.
      const input = {
        params: spec.params ? validate(spec.params, req.params, "params") : undefined,
        query: spec.query ? validate(spec.query, req.query, "query") : undefined,
        body: spec.body ? validate(spec.body, req.body, "body") : undefined,
        req,
        res,
      } as RouteInput<P, Q, B>;
      send(res, spec.answer, await spec.handle(input, deps));
    },
  };
}

function send(res: Response, answer: AnswerSpec, body: unknown) {
  res.status(answer.status);
  if (body instanceof JsonText) {
    // What res.json does once it has the text.
    if (!res.get("Content-Type")) res.set("Content-Type", "application/json");
    res.send(body.text);
    return;
  }
  if (answer.contentType === undefined) {
    res.json(body);
    return;
  }
  if (!res.hasHeader("Content-Type")) res.type(answer.contentType);
  res.send(body);
}
