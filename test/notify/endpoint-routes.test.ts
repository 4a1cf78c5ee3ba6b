// The admin API of notification endpoints (issue 16 §1, §3): the routes of src/http/routes/endpoint-routes.ts on
// the test file's database, behind the admin bearer, answered by the one error mapper. Mounted here as create-app.ts
// mounts the admin group (until they are listed in all-routes.ts), with ALLOW_PRIVATE_ENDPOINTS=false.
import express from "express";
import request from "supertest";
import { errorToHttp } from "../../src/http/error-to-http.js";
import { mountRoutes } from "../../src/http/mount-routes.js";
import { endpointRoutes } from "../../src/http/routes/endpoint-routes.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let app: express.Express;
const admin = { Authorization: "Bearer admin-token" };

beforeAll(async () => {
  db = await createTestDatabase();
  app = express();
  app.use(express.json());
  app.use(mountRoutes(endpointRoutes, { db, notify: { allowPrivate: false } }, { api: [], admin: ["admin-token"] }));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const { status, body } = errorToHttp(error);
    res.status(status).json(body);
  });
});
afterAll(async () => db.close());

const create = (body: object) => request(app).post("/admin/endpoints").set(admin).send(body);

describe("/admin/endpoints", () => {
  it("creates an endpoint, shows its whsec_ secret once, and never in a GET", async () => {
    const created = await create({ url: "https://93.184.215.14/hooks", eventTypes: ["upload.processed"] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const id = created.body.endpoint.id as string;
    const one = await request(app).get(`/admin/endpoints/${id}`).set(admin);
    const all = await request(app).get("/admin/endpoints").set(admin);
    expect(one.body).toMatchObject({ id, url: "https://93.184.215.14/hooks", eventTypes: ["upload.processed"] });
    for (const answer of [one.text, all.text]) expect(answer).not.toContain(created.body.secret.slice(6));
    const stored = await db.prisma.notifyEndpoint.findUniqueOrThrow({ where: { id } });
    expect(stored.secret).toBe(created.body.secret);
  });

  it.each([
    ["https://127.0.0.1/hook", "private_address"],
    ["https://169.254.169.254/", "private_address"],
    ["http://93.184.215.14/hook", "not_https"],
    ["https://me:secret@93.184.215.14/", "credentials"],
    ["javascript:alert(1)", "scheme"],
    ["::::", "malformed"],
  ])("refuses %s with 400 naming the reason %s", async (url, reason) => {
    const answer = await create({ url });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "invalid_request", details: { reason } });
  });

  it("rotates the secret, disables with PATCH, queues a test message and deletes", async () => {
    const { body } = await create({ url: "https://93.184.215.14/hooks" });
    const id = body.endpoint.id as string;
    const rotated = await request(app).post(`/admin/endpoints/${id}/rotate-secret`).set(admin);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(body.secret);
    const after = await request(app).get(`/admin/endpoints/${id}`).set(admin);
    expect(Date.parse(after.body.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const patched = await request(app).patch(`/admin/endpoints/${id}`).set(admin).send({ enabled: false });
    expect(patched.body).toMatchObject({ enabled: false });
    const test = await request(app).post(`/admin/endpoints/${id}/test`).set(admin);
    expect(test.body.webhookId).toBe(`msg_${test.body.messageId}`);
    const messages = await request(app).get(`/admin/endpoints/${id}/messages`).set(admin);
    expect(messages.body.items).toMatchObject([
      { webhookId: test.body.webhookId, eventType: "endpoint.test", status: "pending" },
    ]);
    expect((await request(app).delete(`/admin/endpoints/${id}`).set(admin)).status).toBe(200);
    expect((await request(app).get(`/admin/endpoints/${id}`).set(admin)).status).toBe(404);
    expect(await db.prisma.notifyMessage.count({ where: { endpointId: id } })).toBe(0);
  });

  it("resends one message and recovers an endpoint's failed ones", async () => {
    const { body } = await create({ url: "https://93.184.215.14/hooks" });
    const id = body.endpoint.id as string;
    const test = await request(app).post(`/admin/endpoints/${id}/test`).set(admin);
    await db.prisma.notifyMessage.update({
      where: { id: BigInt(test.body.messageId) },
      data: { status: "failed", attempts: 8 },
    });
    const recovered = await request(app)
      .post(`/admin/endpoints/${id}/recover`)
      .set(admin)
      .send({ since: new Date(Date.now() - 60_000).toISOString() });
    expect(recovered.body).toEqual({ recovered: 1 });
    const resent = await request(app).post(`/admin/notifications/${test.body.webhookId}/resend`).set(admin);
    expect(resent.body).toEqual({ resent: true });
    const row = await db.prisma.notifyMessage.findUniqueOrThrow({ where: { id: BigInt(test.body.messageId) } });
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect((await request(app).post("/admin/notifications/msg_999999/resend").set(admin)).status).toBe(404);
  });

  it("refuses without the admin token", async () => {
    expect((await request(app).get("/admin/endpoints")).status).toBe(401);
  });
});
