// Ops routes (no auth): /healthz = the process answers; /readyz = the database answers (503 otherwise), and
// turns 503 first while shutting down so a load balancer stops sending traffic; /openapi.json = the API document.
import { Router } from "express";
import { AppError } from "../../errors.js";
import type { Db } from "../../db/db.js";
import { pingDatabase } from "../../db/ping-database.js";
import { classifyDatabaseError } from "../../db/classify-database-error.js";
import { openApiDocument } from "../openapi-document.js";

const READY_TIMEOUT_MS = 2000;

export function healthRoutes(deps: { db: Db; isShuttingDown: () => boolean }): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  let document: unknown = null; // built on first request: nothing to pay at start-up
  router.get("/openapi.json", (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  router.get("/readyz", async (_req, res) => {
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
      if (found?.kind === "misconfigured") throw new AppError("database_misconfigured", `database misconfigured: ${found.reason}`, undefined, { cause: error });
      throw new AppError("database_unavailable", `database is not answering${found ? `: ${found.reason}` : ""}`, undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    res.json({ status: "ready" });
  });
  return router;
}
