// Every declared route, grouped by where create-app.ts mounts it: the groups differ only in the middleware that
// runs before them (body parser, failure limiter, bearer guard). The OpenAPI document reads the same lists.
import { adminEventRoutes } from "./admin-event-routes.js";
import { adminRoutes } from "./admin-routes.js";
import { adminStatsRoutes } from "./admin-stats-routes.js";
import { callbackRoutes } from "./callback-routes.js";
import { endpointRoutes } from "./endpoint-routes.js";
import { healthRoutes } from "./health-routes.js";
import { metricsRoutes } from "./metrics-routes.js";
import { pullUploadRoutes } from "./pull-upload-routes.js";
import { reconcileRoutes } from "./reconcile-routes.js";
import { uploadRoutes } from "./upload-routes.js";
import { uploadSignatureRoutes } from "./upload-signature-routes.js";

export const allRoutes = {
  /** Before any body parser and limiter: never limited. */
  ops: [...healthRoutes, ...metricsRoutes],
  /** Reads its own raw body, before the JSON parser. */
  callback: callbackRoutes,
  /** Behind the /v1 failure limiter and bearer guard. */
  app: [...pullUploadRoutes, ...uploadRoutes, ...uploadSignatureRoutes],
  /** Behind the /admin failure limiter, before the /admin guard (its own check runs once its path matched). */
  reconcile: reconcileRoutes,
  /** Behind the /admin failure limiter and bearer guard. */
  admin: [...adminRoutes, ...adminEventRoutes, ...adminStatsRoutes, ...endpointRoutes],
};
