// Failed authentication is rate limited per client on the bearer APIs only (/v1 and /admin share one budget): 429
// with Retry-After, valid tokens included. Health, readiness, metrics, OpenAPI, the admin page's files and the
// callback route are never limited, and callback failures count toward nothing (issue 11, item 1). Security
// headers come from helmet.
import { Writable } from "node:stream";
import request from "supertest";
import { createApp } from "../../src/http/create-app.js";
import { createAuthFailureLimiter } from "../../src/http/auth-failure-limiter.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { listenApp } from "../support/listen-app.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const appWithLimit = (maxFailures: number, options: { trustProxy?: number; logger?: Logger } = {}) =>
  createApp({
    db,
    logger: options.logger ?? silentLogger,
    callbackAuth: { tokens: ["cb"], signKeys: [] },
    tokens: { api: ["api"], admin: ["adm"] },
    authFailureLimiter: createAuthFailureLimiter({
      maxFailures,
      windowMs: 60_000,
      logger: options.logger ?? silentLogger,
    }),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });

type App = ReturnType<typeof appWithLimit>;
const wrongBearer = (app: App, path = "/v1/uploads") => request(app).get(path).set("Authorization", "Bearer guess");
const validApi = (app: App) => request(app).get("/v1/uploads").set("Authorization", "Bearer api");
const validAdmin = (app: App) => request(app).get("/admin/stats").set("Authorization", "Bearer adm");
const opsPaths = ["/healthz", "/readyz", "/metrics", "/openapi.json", "/admin/", "/admin/admin.js", "/admin/admin.css"];

async function statusesOfOpsPaths(app: App) {
  const statuses: Record<string, number> = {};
  for (const path of opsPaths) statuses[path] = (await request(app).get(path)).status;
  return statuses;
}
const allOk = Object.fromEntries(opsPaths.map((path) => [path, 200]));

describe("callbacks with a wrong token", () => {
  test("count toward nothing: past the limit, health, readiness, metrics, OpenAPI, the admin page and both APIs answer", async () => {
    const app = appWithLimit(5);
    for (let i = 0; i < 6; i += 1)
      expect((await request(app).post("/callbacks/vod?token=bad").send(v3NewFileUpload())).status).toBe(401);
    expect(await statusesOfOpsPaths(app)).toEqual(allOk);
    expect((await validApi(app)).status).toBe(200);
    expect((await validAdmin(app)).status).toBe(200);
    expect((await request(app).post("/callbacks/vod?token=cb").send(v3NewFileUpload())).status).toBe(200);
  });
});

describe("wrong bearer tokens", () => {
  test("past the limit, /v1 and /admin answer 429 rate_limited with Retry-After, even to valid tokens", async () => {
    const app = appWithLimit(3);
    expect((await wrongBearer(app, "/v1/uploads")).status).toBe(401);
    expect((await wrongBearer(app, "/admin/stats")).status).toBe(401);
    expect((await wrongBearer(app, "/v1/uploads")).status).toBe(401);
    for (const limited of [await validApi(app), await validAdmin(app), await wrongBearer(app)]) {
      expect([limited.status, limited.body.error.code]).toEqual([429, "rate_limited"]);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    }
  });

  test("past the limit, health, readiness, metrics, OpenAPI, the admin page and the callback route still answer", async () => {
    const app = appWithLimit(2);
    for (let i = 0; i < 3; i += 1) await wrongBearer(app);
    expect((await validApi(app)).status).toBe(429);
    expect(await statusesOfOpsPaths(app)).toEqual(allOk);
    expect((await request(app).post("/callbacks/vod?token=cb").send(v3NewFileUpload())).status).toBe(200);
  });

  test("count per client: behind a trusted proxy, another client's failures do not refuse this one", async () => {
    const app = appWithLimit(2, { trustProxy: 1 });
    for (let i = 0; i < 3; i += 1) await wrongBearer(app).set("X-Forwarded-For", "203.0.113.7");
    expect((await validApi(app).set("X-Forwarded-For", "203.0.113.7")).status).toBe(429);
    expect((await validApi(app).set("X-Forwarded-For", "203.0.113.8")).status).toBe(200);
  });

  test("are not limited when the limit is 0", async () => {
    const app = appWithLimit(0);
    for (let i = 0; i < 10; i += 1) expect((await wrongBearer(app)).status).toBe(401);
    expect((await validApi(app)).status).toBe(200);
  });
});

describe("requests that authenticate", () => {
  test("do not count, not even more of them in flight at once than the limit", async () => {
    const server = await listenApp(appWithLimit(3));
    try {
      const get = (token: string) =>
        fetch(`${server.url}/v1/uploads`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
      expect([await get("guess"), await get("guess")]).toEqual([401, 401]);
      expect(await Promise.all(Array.from({ length: 40 }, () => get("api")))).toEqual(Array(40).fill(200));
      expect(await get("guess")).toBe(401);
      expect(await get("api")).toBe(429);
    } finally {
      await server.close();
    }
  });

  test("with a valid token of the wrong kind (403) do not count as failures", async () => {
    const app = appWithLimit(2);
    for (let i = 0; i < 4; i += 1)
      expect((await request(app).get("/admin/stats").set("Authorization", "Bearer api")).status).toBe(403);
    expect((await validAdmin(app)).status).toBe(200);
  });
});

test("the limiter's configuration warnings go to our log, once, and not to the console", async () => {
  const lines: string[] = [];
  const logger = createLogger({
    level: "warn",
    destination: new Writable({ write: (chunk, _enc, done) => done(void lines.push(String(chunk))) }),
  });
  const printed: unknown[] = [];
  const { error, warn } = console;
  console.error = console.warn = (...args: unknown[]) => void printed.push(args);
  try {
    const app = appWithLimit(5, { logger });
    // X-Forwarded-For without TRUST_PROXY: every client behind that proxy would share one budget.
    for (let i = 0; i < 3; i += 1) expect((await validApi(app).set("X-Forwarded-For", "203.0.113.7")).status).toBe(200);
    const codes = lines.map((line) => JSON.parse(line).err?.code);
    expect(codes).toEqual(["ERR_ERL_UNEXPECTED_X_FORWARDED_FOR"]);
    expect(printed).toEqual([]);
  } finally {
    Object.assign(console, { error, warn });
  }
});

test("sends helmet's security headers", async () => {
  const response = await request(appWithLimit(30)).get("/healthz");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["strict-transport-security"]).toBeDefined();
  expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
});
