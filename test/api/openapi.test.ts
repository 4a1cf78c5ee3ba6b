// GET /openapi.json is generated from the route declarations (src/http/define-route.ts), covers every route the
// app serves, and every answer the routes give matches the schema declared for its status: real answers, from
// real requests, parsed with the declared zod schemas (answers are not parsed at run time, so this is the check).
import type express from "express";
import request from "supertest";
import { errorAnswerSchema } from "../../src/http/error-answer-schema.js";
import type { RouteDefinition } from "../../src/http/define-route.js";
import { allRoutes } from "../../src/http/routes/all-routes.js";
import { putUploadBytes } from "../support/emulator-upload.js";
import { seedOutputs, seedTasks, taskFlowOutputs } from "../support/seed-outputs.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import type { TestApp } from "../support/test-app.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

const credentials = { secretId: "AKIDopenapi0000000000000000000000", secretKey: "openapiSecretKey0000000000000000" };
let setup: ServiceWithEmulator;
let t: TestApp;
beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials, {}, { vodCredentials: true });
  ({ t } = setup);
});
afterAll(() => setup.close());

/** Every (method, path) the Express app routes, from its router stack, in OpenAPI's {param} style. */
function routesOf(app: express.Express): string[] {
  const found: string[] = [];
  const walk = (
    stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>,
  ) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.push(`${method} ${layer.route.path.replace(/:(\w+)/g, "{$1}")}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack as typeof stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return [...new Set(found)].sort();
}

test("documents every route the app serves, with its request schemas", async () => {
  const response = await request(t.app).get("/openapi.json");
  expect(response.status).toBe(200);
  expect(response.body.openapi).toBe("3.1.0");
  const documented = Object.entries(response.body.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    .sort();
  const served = routesOf(t.app);
  expect(served.length).toBeGreaterThan(10);
  expect(documented).toEqual(expect.arrayContaining(served));
  expect(served).toEqual(expect.arrayContaining(documented));
  const list = response.body.paths["/v1/uploads"].get;
  expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining([
      "sourceContext",
      "status",
      "procedureTaskId",
      "updatedAfter",
      "ready",
      "review",
      "include",
      "limit",
      "cursor",
    ]),
  );
  const ready = list.parameters.find((p: { name: string }) => p.name === "ready");
  expect(ready.schema.enum).toEqual(["playable", "complete", "publishable"]);
  const review = list.parameters.find((p: { name: string }) => p.name === "review");
  expect(review.schema.enum).toEqual(["pending", "pass", "review", "block"]);
  // The status answer documents what a player reads.
  const status = response.body.paths["/v1/uploads/{ref}"].get.responses["200"].content["application/json"].schema;
  expect(Object.keys(status.properties)).toEqual(
    expect.arrayContaining(["sessionContext", "sessionId", "derivedFrom", "pull", "review", "ready", "outputs"]),
  );
  expect(Object.keys(status.properties.ready.properties)).toEqual(["playable", "complete", "publishable"]);
  // An app reads the verdict and its labels from the document, not from guesswork.
  const verdict = status.properties.review.anyOf.find((schema: { type: string }) => schema.type === "object");
  expect(Object.keys(verdict.properties)).toEqual([
    "status",
    "checks",
    "labels",
    "form",
    "taskId",
    "finishedAt",
    "segmentsUrl",
    "segments",
  ]);
  const pull = status.properties.pull.anyOf.find((schema: { type: string }) => schema.type === "object");
  expect(Object.keys(pull.properties)).toEqual(["taskId", "sourceUrl", "errCode", "message", "retryable"]);
  const pullRequest = response.body.paths["/v1/uploads/pull"].post.requestBody.content["application/json"].schema;
  expect(pullRequest.required).toEqual(["mediaUrl"]);
  expect(pullRequest.properties.sourceContext.maxLength).toBe(250);
  expect(pullRequest.properties.sessionContext.maxLength).toBe(1000);
  expect(Object.keys(status.properties.outputs.properties)).toEqual([
    "playback",
    "coverUrl",
    "renditions",
    "adaptive",
    "snapshots",
    "sprites",
    "animatedGraphics",
  ]);
  expect(status.required).toEqual(expect.arrayContaining(["ready", "outputs"]));
  const item = list.responses["200"].content["application/json"].schema.properties.items.items;
  expect(item.required).toEqual(expect.arrayContaining(["ready"]));
  expect(item.required).not.toContain("outputs");
  const timeline = response.body.paths["/admin/uploads/{ref}/events"].get.responses["200"].content["application/json"];
  expect(Object.keys(timeline.schema.properties.tasks.items.properties)).toEqual(
    expect.arrayContaining(["taskId", "kind", "status", "failed", "errCode", "message", "subtasks", "beganAt"]),
  );
});

test("gives every answer, admin ones included, a schema that names its fields, and every bearer route its auth", async () => {
  const { body } = await request(t.app).get("/openapi.json");
  const freeForm: string[] = [];
  for (const [path, operations] of Object.entries(body.paths as Record<string, Record<string, any>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const bearer = path.startsWith("/v1/") || path.startsWith("/admin/");
      expect({ route: `${method} ${path}`, security: operation.security ?? null }).toEqual({
        route: `${method} ${path}`,
        security: bearer ? [{ bearer: [] }] : null,
      });
      for (const [status, answer] of Object.entries(operation.responses as Record<string, any>)) {
        for (const { schema } of Object.values(answer.content as Record<string, { schema: any }>)) {
          // A record<string, unknown> is an object with no properties: it says nothing of the answer.
          if (schema.type !== "string" && !schema.properties && !schema.oneOf && !schema.anyOf)
            freeForm.push(`${method} ${path} ${status}`);
        }
      }
      if (bearer) expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["401", "429"]));
    }
  }
  expect(freeForm).toEqual([]);
});

describe("every answer matches the schema declared for its route and status", () => {
  const routes: readonly RouteDefinition<never>[] = Object.values(allRoutes).flat();
  const answered = new Set<string>();
  const patternOf = (route: RouteDefinition<never>) => new RegExp(`^${route.path.replace(/:\w+/g, "[^/]+")}/?$`);

  /** Sends the request, finds the declaration of the route that answered, and parses the answer with it. */
  async function call(
    method: "get" | "post" | "patch" | "delete",
    target: string,
    options: { token?: string; body?: unknown; raw?: string } = {},
  ) {
    let pending = request(t.app)[method](target);
    if (options.token) pending = pending.set("Authorization", `Bearer ${options.token}`);
    if (options.raw !== undefined) pending = pending.set("Content-Type", "application/json").send(options.raw);
    else if (options.body !== undefined) pending = pending.send(options.body as object);
    const response = await pending;
    const path = target.split("?")[0] ?? "";
    const route = routes.find((candidate) => candidate.method === method && patternOf(candidate).test(path));
    if (!route) throw new Error(`no declared route answers ${method} ${path}`);
    const name = `${method} ${route.path} ${response.status}`;
    if (response.status === route.answer.status) {
      const body: unknown = route.answer.contentType ? response.text : response.body;
      // Parsed equal to what was sent: no field of the answer is missing from its schema (zod drops unknown keys).
      expect({ name, parsed: route.answer.schema.parse(body) }).toEqual({ name, parsed: body });
    } else {
      expect({ name, declared: response.status in route.errors }).toEqual({ name, declared: true });
      expect({ name, parsed: errorAnswerSchema(response.status).parse(response.body) }).toEqual({
        name,
        parsed: response.body,
      });
    }
    answered.add(name);
    return response;
  }

  test("on every route, for its answer and its errors", async () => {
    const { apiToken, adminToken } = t;
    await call("get", "/healthz");
    await call("get", "/readyz");
    await call("get", "/metrics");
    await call("get", "/openapi.json");

    const fileId = newFileId();
    await call("post", t.callbackPath, { body: v3NewFileUpload(fileId) });
    await call("post", t.callbackPath, { body: v3NewFileUpload(fileId) });
    const invalid = await call("post", t.callbackPath, { body: { EventType: "NewFileUpload" } });
    expect(invalid.body.outcome).toBe("invalid");
    await call("post", t.callbackPath, { raw: "{not json" });
    await call("post", "/callbacks/vod?token=wrong", { body: v3NewFileUpload() });
    await call("post", t.callbackPath, { raw: `"${"x".repeat(1024 * 1024)}"` });

    const started = await call("post", "/v1/uploads", {
      token: apiToken,
      body: { mediaType: "mp4", sourceContext: `openapi-${fileId}` },
    });
    expect(started.status).toBe(201);
    await call("post", "/v1/uploads", { token: apiToken, body: { mediaType: "not a type" } });
    await call("post", "/v1/uploads", { token: apiToken, raw: "{" });
    const { storage, upload } = started.body;
    await putUploadBytes(storage, setup.emulator.cosDomain, "openapi bytes");
    const committed = await call("post", `/v1/uploads/${upload.id}/commit`, { token: apiToken });
    expect(committed.status).toBe(200);
    await call("post", "/v1/uploads/upl_unknown/commit", { token: apiToken });
    await seedOutputs(t.db, fileId, taskFlowOutputs(fileId, "1256768367-procedurev2-openapi"));
    await seedTasks(t.db, fileId, [{ taskId: "1256768367-procedurev2-openapi", status: "FINISH", subtasks: [] }]);
    const status = await call("get", `/v1/uploads/${fileId}`, { token: apiToken });
    expect(status.body.outputs.renditions).toHaveLength(1);
    await call("get", `/v1/uploads/${upload.id}`, { token: adminToken });
    await call("get", "/v1/uploads/upl_unknown", { token: apiToken });
    await call("get", `/v1/uploads/${fileId}`);
    await call("get", "/v1/uploads?limit=1", { token: apiToken });
    const withOutputs = await call("get", `/v1/uploads?limit=200&include=outputs&ready=playable`, { token: apiToken });
    expect(withOutputs.body.items.some((item: { fileId: string }) => item.fileId === fileId)).toBe(true);
    await call("get", "/v1/uploads?ready=complete", { token: apiToken });
    await call("get", "/v1/uploads?ready=soon", { token: apiToken });
    await call("get", "/v1/uploads?limit=0", { token: apiToken });
    // A pull VOD cannot complete (nothing listens on port 9): the answer comes at once, PullComplete later.
    const pulled = await call("post", "/v1/uploads/pull", {
      token: apiToken,
      body: { mediaUrl: "http://127.0.0.1:9/openapi.mp4", sourceContext: `openapi-pull-${fileId}` },
    });
    expect(pulled.status).toBe(201);
    await call("post", "/v1/uploads/pull", { token: apiToken, body: { mediaUrl: "ftp://example.com/a.mp4" } });
    await call("get", "/v1/uploads?review=block&ready=publishable", { token: apiToken });
    await call("post", "/v1/upload-signatures", { token: apiToken, body: { sourceContext: "openapi" } });
    await call("post", "/v1/upload-signatures", { token: apiToken, body: { expiresIn: 0 } });

    const timeline = await call("get", `/admin/uploads/${fileId}/events`, { token: adminToken });
    expect(timeline.body.tasks.map((task: { taskId: string }) => task.taskId)).toContain(
      "1256768367-procedurev2-openapi",
    );
    await call("get", `/admin/uploads/${upload.id}/events?limit=1`, { token: adminToken });
    await call("get", "/admin/uploads/upl_unknown/events", { token: adminToken });
    await call("get", `/admin/uploads/${fileId}/events`, { token: apiToken });
    const events = await call("get", "/admin/events?limit=200", { token: adminToken });
    await call("get", "/admin/events?outcome=nope", { token: adminToken });
    const applied = events.body.items.find((event: { fileId: string | null }) => event.fileId === fileId);
    const stored = events.body.items.find((event: { outcome: string }) => event.outcome === "invalid");
    await call("get", `/admin/events/${applied.id}`, { token: adminToken });
    await call("get", `/admin/events/${stored.id}`, { token: adminToken });
    await call("get", "/admin/events/999999999", { token: adminToken });
    await call("post", `/admin/events/${applied.id}/replay`, { token: adminToken });
    await call("post", `/admin/events/${stored.id}/replay`, { token: adminToken });
    await call("post", "/admin/events/999999999/replay", { token: adminToken });
    await call("get", "/admin/stats", { token: adminToken });
    await call("get", "/admin/stats", { token: apiToken });
    const reconciled = await call("post", `/admin/uploads/${committed.body.fileId}/reconcile`, { token: adminToken });
    expect(reconciled.status).toBe(200);
    await call("post", `/admin/uploads/${newFileId()}/reconcile`, { token: adminToken });
    await call("post", "/admin/uploads/upl_unknown/reconcile", { token: adminToken });

    // Notification endpoints (issue 16): a public address given as an IP literal (tests resolve no names).
    const endpoint = await call("post", "/admin/endpoints", {
      token: adminToken,
      body: { url: "https://93.184.216.34/hooks/vod", description: "openapi", eventTypes: ["upload.processed"] },
    });
    expect(endpoint.status).toBe(201);
    const endpointId: string = endpoint.body.endpoint.id;
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    await call("post", "/admin/endpoints", { token: adminToken, body: { url: "ftp://example.com/hook" } });
    await call("get", "/admin/endpoints", { token: adminToken });
    await call("get", `/admin/endpoints/${endpointId}`, { token: adminToken });
    await call("get", "/admin/endpoints/ep_unknown", { token: adminToken });
    await call("patch", `/admin/endpoints/${endpointId}`, { token: adminToken, body: { enabled: false } });
    await call("post", `/admin/endpoints/${endpointId}/rotate-secret`, { token: adminToken });
    const sent = await call("post", `/admin/endpoints/${endpointId}/test`, { token: adminToken });
    await call("post", `/admin/endpoints/${endpointId}/recover`, {
      token: adminToken,
      body: { since: new Date(Date.now() - 60_000).toISOString() },
    });
    await call("get", `/admin/endpoints/${endpointId}/messages`, { token: adminToken });
    await call("get", `/admin/endpoints/${endpointId}/attempts`, { token: adminToken });
    await call("get", "/admin/notifications", { token: adminToken });
    await call("get", `/admin/notifications/${sent.body.messageId}/attempts`, { token: adminToken });
    await call("post", `/admin/notifications/${sent.body.messageId}/resend`, { token: adminToken });
    await call("delete", `/admin/endpoints/${endpointId}`, { token: adminToken });

    // Last: enough failed authentications from this address that the limiter answers 429 (AUTH_FAILURE_LIMIT 30).
    for (let failed = 0; failed < 31; failed += 1)
      await request(t.app).get("/v1/uploads").set("Authorization", "Bearer wrong");
    await call("get", "/v1/uploads", { token: apiToken });
    await call("get", "/admin/stats", { token: adminToken });

    const unanswered = routes
      .map((route) => `${route.method} ${route.path} ${route.answer.status}`)
      .filter((name) => !answered.has(name));
    expect(unanswered).toEqual([]);
    const errorStatuses = new Set(
      [...answered].map((name) => Number(name.split(" ").at(-1))).filter((status) => status >= 400),
    );
    expect([...errorStatuses].sort()).toEqual([400, 401, 403, 404, 413, 429]);
  });
});
