// GET /openapi.json is generated from the zod schemas and covers every route the app serves.
import type express from "express";
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Every (method, path) the Express app routes, from its router stack, in OpenAPI's {param} style. */
function routesOf(app: express.Express): string[] {
  const found: string[] = [];
  const walk = (stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${layer.route.path.replace(/:(\w+)/g, "{$1}")}`);
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
  expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["sourceContext", "status", "procedureTaskId", "updatedAfter", "limit", "cursor"]));
});
