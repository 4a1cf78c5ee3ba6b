// Ops routes (no auth): /healthz = the process answers; /readyz = the database answers (503 otherwise), and
// turns 503 first while shutting down so a load balancer stops sending traffic; /openapi.json = the API document,
// generated from the route declarations (openapi-document.ts).
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import { pingDatabase } from "../../db/ping-database.js";
import { classifyDatabaseError } from "../../db/classify-database-error.js";
import { defineRoute } from "../define-route.js";
import type { OpenApiDocument } from "../openapi-document.js";

const READY_TIMEOUT_MS = 2000;

export interface HealthRouteDeps {
  db: Db;
  isShuttingDown: () => boolean;
  /** Built on first request: nothing to pay at start-up. */
  openApiDocument: () => OpenApiDocument;
}

const openApiDocumentSchema = z.object({
  openapi: z.literal("3.1.0"),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  components: z.record(z.string(), z.unknown()),
  paths: z.record(
    z.string(),
    z.partialRecord(z.enum(["get", "post", "patch", "delete"]), z.record(z.string(), z.unknown())),
  ),
});

export const healthRoutes = [
  defineRoute({
    method: "get",
    path: "/healthz",
    summary: "the process answers",
    auth: "none",
    answer: { status: 200, description: "up", schema: z.object({ status: z.literal("ok") }) },
    handle: () => ({ status: "ok" as const }),
  }),
  defineRoute({
    method: "get",
    path: "/openapi.json",
    summary: "this document",
    auth: "none",
    answer: { status: 200, description: "OpenAPI 3.1", schema: openApiDocumentSchema },
    handle: (_input, deps: HealthRouteDeps) => deps.openApiDocument(),
  }),
  defineRoute({
    method: "get",
    path: "/readyz",
    summary: "the database answers",
    auth: "none",
    answer: { status: 200, description: "ready", schema: z.object({ status: z.literal("ready") }) },
    errors: { 503: "not ready: database_unavailable, database_misconfigured (with the reason) or shutting_down" },
    handle: async (_input, deps: HealthRouteDeps) => {
      if (deps.isShuttingDown()) throw new AppError("shutting_down", "shutting down");
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pingDatabase(deps.db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("timeout")), READY_TIMEOUT_MS);
          }),
        ]);
      } catch (error) {
        // A refusal (password, role, database name) will not pass by itself: say what to change.
        const found = classifyDatabaseError(error);
        if (found?.kind === "misconfigured")
          throw new AppError("database_misconfigured", `database misconfigured: ${found.reason}`, undefined, {
            cause: error,
          });
        throw new AppError(
          "database_unavailable",
          `database is not answering${found ? `: ${found.reason}` : ""}`,
          undefined,
          { cause: error },
        );
      } finally {
        clearTimeout(timer);
      }
      return { status: "ready" as const };
    },
  }),
];
