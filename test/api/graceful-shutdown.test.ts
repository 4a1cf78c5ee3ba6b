// Graceful shutdown: close() stops accepting, lets in-flight callbacks finish — each either committed and
// answered 200, or not acknowledged — closes the pool, and returns within a bound.
import { loadConfig } from "../../src/config.js";
import { serve } from "../../src/http/serve.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

test("every callback answered 200 during a shutdown is stored, and close() returns within its grace period", async () => {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: db.url,
    CALLBACK_TOKEN: "tok",
    API_TOKENS: "api",
    ADMIN_TOKENS: "adm",
    MIGRATE_ON_START: "false",
  });
  const server = await serve(config, silentLogger);
  const bodies = Array.from({ length: 300 }, () => v3NewFileUpload());
  let answered = 0;
  const answers = bodies.map((body) =>
    fetch(`${server.url}/callbacks/vod?token=tok`, { method: "POST", body: JSON.stringify(body) }).then(
      (response) => {
        answered += 1;
        return response.status;
      },
      () => "not acknowledged" as const,
    ),
  );
  while (answered < 20) await new Promise((resolve) => setTimeout(resolve, 1)); // SIGTERM arrives mid-burst
  const started = Date.now();
  await server.close();
  expect(Date.now() - started).toBeLessThan(11_000);

  const statuses = await Promise.all(answers);
  const acknowledged = bodies
    .filter((_, index) => statuses[index] === 200)
    .map((body) => body.FileUploadEvent.FileId as string);
  expect(statuses.every((status) => status === 200 || status === "not acknowledged")).toBe(true);
  expect(acknowledged.length).toBeGreaterThan(0);
  const stored = await db.prisma.vodEvent.count({ where: { fileId: { in: acknowledged } } });
  expect(stored).toBe(acknowledged.length);
});

test("/readyz answers 503 shutting_down once shutdown has begun, so a load balancer stops sending traffic first", async () => {
  const { createApp } = await import("../../src/http/create-app.js");
  const request = (await import("supertest")).default;
  let shuttingDown = false;
  const app = createApp({
    db,
    logger: silentLogger,
    callbackAuth: { tokens: ["tok"], signKeys: [] },
    tokens: { api: ["api"], admin: [] },
    isShuttingDown: () => shuttingDown,
  });
  expect((await request(app).get("/readyz")).status).toBe(200);
  shuttingDown = true;
  const response = await request(app).get("/readyz");
  expect([response.status, response.body.error.code]).toEqual([503, "shutting_down"]);
  expect((await request(app).get("/healthz")).status).toBe(200);
});
