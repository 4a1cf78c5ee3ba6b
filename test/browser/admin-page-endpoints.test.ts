// The admin page's Notifications panel and an upload card's notifications (issue 16 §7), in headless Chromium
// against the app on a loopback port with its delivery worker running (as `serve` runs it) and an app backend's
// receiver on 127.0.0.1 (ALLOW_PRIVATE_ENDPOINTS is true outside production). The callbacks are the real VOD
// payloads of test/fixtures (test/support/vod-payloads.ts), posted to the callback route as VOD pushes them.
// Set ADMIN_PAGE_SCREENSHOT=1 to rewrite docs/admin-notifications.png and docs/admin-upload-notifications.png (off
// by default: every run has new ids).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import request from "supertest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import type express from "express";
import { notifyEventTypes } from "../../src/notify/notify-event-types.js";
import { createApp } from "../../src/http/create-app.js";
import { notifySettings } from "../../src/notify/notify-settings.js";
import { startNotifications } from "../../src/notify/start-notifications.js";
import type { DeliveryWorker } from "../../src/notify/run-delivery-worker.js";
import { startReceiver, waitFor, type Answer } from "../notify/support/receiver.js";
import { listenApp } from "../support/listen-app.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { launchChromium, watchPageProblems } from "./launch-chromium.js";

const SCREENSHOT = new URL("../../docs/admin-notifications.png", import.meta.url);
const CARD_SCREENSHOT = new URL("../../docs/admin-upload-notifications.png", import.meta.url);
const RECEIVED = '{"received":true}';
const answer200: Answer = (_received, _index, res) =>
  res.writeHead(200, { "Content-Type": "application/json" }).end(RECEIVED);

let browser: Browser;
let db: TestDatabase;
let app: express.Express;
let service: Awaited<ReturnType<typeof listenApp>>;
let worker: DeliveryWorker;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let context: BrowserContext;
let page: Page;
let pageProblems: string[];
const tokens = {
  callback: `cb_${randomBytes(8).toString("hex")}`,
  api: `api_${randomBytes(8).toString("hex")}`,
  admin: `adm_${randomBytes(8).toString("hex")}`,
};

beforeAll(async () => {
  browser = await launchChromium();
  db = await createTestDatabase();
  // Three tries 200 ms apart: a failing receiver spends the schedule within a test.
  const settings = notifySettings({ NODE_ENV: "test", NOTIFY_RETRY_SCHEDULE: [0, 200, 200], NOTIFY_TIMEOUT: 2000 });
  worker = await startNotifications(db, silentLogger, settings);
  app = createApp({
    db,
    logger: silentLogger,
    callbackAuth: { tokens: [tokens.callback], signKeys: [] },
    tokens: { api: [tokens.api], admin: [tokens.admin] },
    notify: { allowPrivate: settings.allowPrivate, wake: worker.wake },
  });
  service = await listenApp(app);
  receiver = await startReceiver(answer200);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await service?.close();
  worker?.stop();
  await worker?.done;
  await receiver?.close();
  await db?.close();
});

beforeEach(async () => {
  receiver.setAnswer(answer200);
  context = await browser.newContext({
    viewport: { width: 1100, height: 1000 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  page = await context.newPage();
  page.setDefaultTimeout(5_000);
  pageProblems = watchPageProblems(page);
});
afterEach(async () => {
  await context?.close();
  // Each test starts from an empty list of endpoints (their messages and attempts go with them).
  await db.prisma.notifyEndpoint.deleteMany({});
});

const admin = () => ({ Authorization: `Bearer ${tokens.admin}` });
const panel = () => page.locator("#notifications");
const endpointRow = (id: string) => page.locator(`#endpoints-body tr[data-endpoint-id="${id}"]`);
const messageRow = (id: string | bigint) => page.locator(`tr[data-message-id="${id}"]`);
const deliver = (body: object) => request(app).post(`/callbacks/vod?token=${tokens.callback}`).send(body).expect(200);

async function signIn(): Promise<void> {
  await page.goto(`${service.url}/admin`);
  await page.getByLabel("Admin token").fill(tokens.admin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#endpoints-body > *").first().waitFor();
}

async function createEndpoint(fields: object = {}): Promise<{ id: string; secret: string }> {
  const created = await request(app)
    .post("/admin/endpoints")
    .set(admin())
    .send({ url: receiver.url, ...fields });
  expect(created.status).toBe(201);
  return { id: created.body.endpoint.id as string, secret: created.body.secret as string };
}

describe("the Notifications panel", () => {
  test("adds an endpoint and shows its whsec_ secret once, with a copy button; a reload shows it no more", async () => {
    await signIn();
    expect(await page.locator("#endpoints-body").textContent()).toBe("No endpoint yet: add one below.");
    // The catalog comes from the API's schema: every type of src/notify/notify-event-types.ts.
    expect(await page.locator("#endpoint-types label").allTextContents()).toEqual([...notifyEventTypes]);
    await page.getByLabel("URL", { exact: true }).fill(receiver.url);
    await page.getByLabel("Description").fill("course app backend");
    await page.getByLabel("upload.processed").check();
    await page.getByLabel("upload.failed").check();
    await page.getByRole("button", { name: "Add endpoint" }).click();

    const secretBox = page.locator("#endpoint-secret");
    await secretBox.waitFor();
    const stored = await db.prisma.notifyEndpoint.findFirstOrThrow({ where: { url: receiver.url } });
    expect(await page.getByLabel("Endpoint secret").inputValue()).toBe(stored.secret);
    expect(stored.secret).toMatch(/^whsec_/);
    expect(await page.locator("#secret-note").textContent()).toMatch(/^Shown once: .* never shows it again/);
    expect(stored).toMatchObject({
      description: "course app backend",
      eventTypes: ["upload.processed", "upload.failed"],
    });

    await page.getByRole("button", { name: "Copy" }).click();
    await page.locator("#secret-copied", { hasText: "Copied." }).waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(stored.secret);

    const row = endpointRow(stored.id);
    expect(await row.locator("td.url code").textContent()).toBe(receiver.url);
    expect(await row.locator("td").nth(1).textContent()).toBe("upload.processedupload.failed");
    expect(await row.locator(".badge").textContent()).toBe("enabled");
    // The new endpoint is selected: its (empty) messages are open below the list.
    await page.locator("#endpoint-detail .message-list").getByText("No message.").waitFor();

    await page.getByRole("button", { name: "Done" }).click();
    expect(await secretBox.isHidden()).toBe(true);
    expect(await page.getByLabel("Endpoint secret").inputValue()).toBe("");
    await page.reload();
    await endpointRow(stored.id).waitFor();
    expect(await page.content()).not.toContain(stored.secret.slice(6));
    expect(pageProblems).toEqual([]);
  });

  test("sends a test message and lists it delivered, with its attempt: HTTP 200, latency and the answer's first bytes", async () => {
    const { id, secret } = await createEndpoint({ description: "course app backend" });
    await signIn();
    await endpointRow(id).getByRole("button", { name: "Send test" }).click();
    await page.locator("#endpoints-notice", { hasText: /^Test message msg_\d+ queued/ }).waitFor();
    const messageId = (await page.locator("#endpoints-notice").textContent())!.match(/msg_(\d+)/)![1]!;

    // The receiver got it signed: the standardwebhooks package verifies it with the endpoint's secret.
    const got = await waitFor(() => receiver.received.find((r) => r.headers["webhook-id"] === `msg_${messageId}`));
    const verified = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string };
    expect(verified.type).toBe("endpoint.test");

    // The list follows the message until it is no longer pending.
    const row = messageRow(messageId);
    await page.locator(`tr[data-message-id="${messageId}"][data-status="delivered"]`).waitFor({ timeout: 10_000 });
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 3)).toEqual([`msg_${messageId}`, "endpoint.test", "—"]);
    expect(cells.slice(3, 6)).toEqual(["delivered", "1", "HTTP 200"]);

    await row.getByRole("button", { name: "Attempts" }).click();
    const attempt = page.locator("tr.attempts-row:visible table.attempts tbody tr");
    await attempt.waitFor();
    expect(await attempt.count()).toBe(1);
    const attemptCells = await attempt.locator("td").allTextContents();
    expect(attemptCells.slice(1)).toEqual(["delivered", "HTTP 200", expect.stringMatching(/^\d+ ms$/), RECEIVED]);
    const stored = await db.prisma.notifyAttempt.findFirstOrThrow({ where: { messageId: BigInt(messageId) } });
    expect(attemptCells[3]).toBe(`${stored.latencyMs} ms`);
    expect(pageProblems).toEqual([]);
  });

  test("disables and enables an endpoint, rotates its secret (the old one signing for 24 h) and deletes it after a confirmation", async () => {
    const { id, secret } = await createEndpoint();
    await signIn();
    await endpointRow(id).getByRole("button", { name: "Disable" }).click();
    await endpointRow(id).locator(".badge", { hasText: "disabled" }).waitFor();
    expect(await page.locator("#endpoints-notice").textContent()).toMatch(/disabled: no notification is written/);
    expect((await db.prisma.notifyEndpoint.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    await endpointRow(id).getByRole("button", { name: "Enable" }).click();
    await endpointRow(id).locator(".badge", { hasText: "enabled" }).waitFor();
    expect((await db.prisma.notifyEndpoint.findUniqueOrThrow({ where: { id } })).enabled).toBe(true);

    await endpointRow(id).getByRole("button", { name: "Rotate secret" }).click();
    await page.locator("#secret-title", { hasText: "New secret of" }).waitFor();
    const rotated = await db.prisma.notifyEndpoint.findUniqueOrThrow({ where: { id } });
    expect(rotated.previousSecret).toBe(secret);
    expect(await page.getByLabel("Endpoint secret").inputValue()).toBe(rotated.secret);
    expect(rotated.secret).not.toBe(secret);
    expect(await page.locator("#secret-note").textContent()).toMatch(/The old secret keeps signing beside it until /);
    expect(await endpointRow(id).locator(".hint").textContent()).toMatch(/^old secret signs until /);

    await endpointRow(id).getByRole("button", { name: "Delete" }).click();
    expect(await endpointRow(id).locator(".confirm").textContent()).toBe("Delete it with its messages and attempts?");
    await endpointRow(id).getByRole("button", { name: "Cancel" }).click();
    expect(await db.prisma.notifyEndpoint.count({ where: { id } })).toBe(1);
    await endpointRow(id).getByRole("button", { name: "Delete" }).click();
    await endpointRow(id).getByRole("button", { name: "Yes, delete" }).click();
    await page.locator("#endpoints-body").getByText("No endpoint yet").waitFor();
    expect(await db.prisma.notifyEndpoint.count({ where: { id } })).toBe(0);
    expect(pageProblems).toEqual([]);
  });

  test("shows the API's refusal inline: a URL with credentials, a malformed one, an endpoint deleted meanwhile", async () => {
    await signIn();
    const error = page.locator("#endpoint-form-error");
    await page.getByLabel("URL", { exact: true }).fill("https://me:secret@127.0.0.1/hook");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await error.waitFor();
    expect(await error.textContent()).toBe(
      "Not added: invalid_request (400): endpoint url refused: must not carry a user name or password " +
        "(the signature authenticates us) (reason: credentials)",
    );
    await page.getByLabel("URL", { exact: true }).fill("not a url");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await error.getByText(/reason: malformed/).waitFor();
    expect(await db.prisma.notifyEndpoint.count()).toBe(0);

    const { id } = await createEndpoint();
    await page.locator("#endpoints-refresh").click();
    await endpointRow(id).waitFor();
    await request(app).delete(`/admin/endpoints/${id}`).set(admin()).expect(200);
    await endpointRow(id).getByRole("button", { name: "Send test" }).click();
    await page.locator("#endpoints-notice.error").waitFor();
    expect(await page.locator("#endpoints-notice").textContent()).toBe(
      `Send test failed: not_found (404): no endpoint ${id}`,
    );
    expect(pageProblems).toEqual([]);
  });

  test("resends a failed message and recovers an endpoint's failed messages since a time", async () => {
    receiver.setAnswer((_received, _index, res) => res.writeHead(500).end("down for maintenance"));
    const { id } = await createEndpoint();
    const first = await request(app).post(`/admin/endpoints/${id}/test`).set(admin()).expect(200);
    const second = await request(app).post(`/admin/endpoints/${id}/test`).set(admin()).expect(200);
    const failed = () => db.prisma.notifyMessage.count({ where: { endpointId: id, status: "failed" } });
    await waitFor(async () => (await failed()) === 2 || undefined);

    await signIn();
    await endpointRow(id).getByRole("button", { name: "Messages" }).click();
    const row = messageRow(first.body.messageId as string);
    await row.waitFor();
    expect(await row.locator("td").nth(3).textContent()).toBe("failed");
    expect(await row.locator("td").nth(4).textContent()).toBe("3");
    expect(await row.locator("td").nth(5).textContent()).toBe("HTTP 500");
    await row.getByRole("button", { name: "Attempts" }).click();
    const attempts = page.locator("tr.attempts-row:visible table.attempts tbody tr");
    await attempts.first().waitFor();
    expect(await attempts.locator("td:nth-child(2)").allTextContents()).toEqual(["failed", "retry", "retry"]);
    expect(await attempts.first().locator("td").nth(4).textContent()).toBe("down for maintenance");

    receiver.setAnswer(answer200);
    await row.getByRole("button", { name: "Resend" }).click();
    await page.locator(`tr[data-message-id="${first.body.messageId}"][data-status="delivered"]`).waitFor({
      timeout: 10_000,
    });
    expect(await page.locator(".endpoint-messages .list-notice").textContent()).toBe(
      `${first.body.webhookId} queued again, with the same webhook-id.`,
    );

    // datetime-local holds the browser's local time: a minute ago, written the way the input wants it.
    const since = await page.evaluate(() => {
      const at = new Date(Date.now() - 60_000);
      return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    });
    await page.getByLabel("Failed since").fill(since);
    await page.getByRole("button", { name: "Recover" }).click();
    await page.locator(".endpoint-messages .list-notice", { hasText: /^Recover: 1 failed message since / }).waitFor();
    await waitFor(
      async () =>
        ((await failed()) === 0 &&
          (await db.prisma.notifyMessage.count({ where: { endpointId: id, status: "delivered" } })) === 2) ||
        undefined,
    );
    await page.locator(".endpoint-messages").getByRole("button", { name: "Refresh" }).click();
    await page.locator(`tr[data-message-id="${second.body.messageId}"][data-status="delivered"]`).waitFor();
    expect(pageProblems).toEqual([]);
  });

  test("fits a 420 px wide screen: the endpoints and messages tables scroll in their boxes, the page never sideways", async () => {
    const { id } = await createEndpoint({ eventTypes: ["upload.processed", "upload.review_completed"] });
    await request(app).post(`/admin/endpoints/${id}/test`).set(admin()).expect(200);
    await page.setViewportSize({ width: 420, height: 900 });
    await signIn();
    await endpointRow(id).getByRole("button", { name: "Messages" }).click();
    await page.locator("#endpoint-detail tbody tr[data-message-id]").waitFor();
    await page.getByLabel("URL", { exact: true }).fill("https://me:secret@127.0.0.1/hook");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await page.locator("#endpoint-form-error").waitFor();
    expect(await page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).toBe(false);
    expect(pageProblems).toEqual([]);
  });
});

describe("an upload card", () => {
  test("lists the notifications the upload's callbacks caused, each delivered with its endpoint", async () => {
    const { id } = await createEndpoint({ description: "course app backend" });
    await request(app).post(`/admin/endpoints/${id}/test`).set(admin()).expect(200);
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    await deliver(v3Procedure(fileId));
    const messages = () => db.prisma.notifyMessage.findMany({ where: { endpointId: id }, orderBy: { id: "desc" } });
    await waitFor(async () => {
      const all = await messages();
      return (all.length === 4 && all.every((m) => m.status === "delivered")) || undefined;
    });
    const upload = await db.prisma.upload.findUniqueOrThrow({ where: { fileId } });
    const written = (await messages()).filter((m) => m.uploadId === upload.id);
    expect(written.map((m) => m.eventType)).toEqual(["upload.processed", "upload.playable", "upload.uploaded"]);

    await signIn();
    await page.getByLabel(/SourceContext or procedure task id/).fill(fileId);
    await page.getByRole("button", { name: "Search" }).click();
    const list = page.locator("#upload-card .upload-notifications");
    await list.locator("tbody tr[data-message-id]").first().waitFor();
    expect(await list.locator("h3").textContent()).toBe("Notifications (3)");
    const rows = list.locator("tbody tr[data-message-id]");
    expect(await rows.count()).toBe(3);
    for (const [i, message] of written.entries()) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      expect(cells.slice(0, 6)).toEqual([
        `msg_${message.id}`,
        message.eventType,
        receiver.url,
        "delivered",
        "1",
        "HTTP 200",
      ]);
    }
    // With a margin around it, the card's edge included, so the list reads as part of the card.
    await list.scrollIntoViewIfNeeded();
    const box = (await list.boundingBox())!;
    const shot = await page.screenshot({
      clip: { x: box.x - 16, y: box.y - 12, width: box.width + 32, height: box.height + 20 },
    });
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(CARD_SCREENSHOT, shot);

    // In the Notifications panel the same messages name their upload, which opens its card.
    await endpointRow(id).getByRole("button", { name: "Messages" }).click();
    const detail = page.locator("#endpoint-detail");
    await detail.locator("tbody tr[data-message-id]").nth(3).waitFor();
    expect(await detail.locator("tbody tr[data-status='delivered']").count()).toBe(4);
    const newest = detail.locator(`tr[data-message-id="${written[0]!.id}"]`);
    await newest.getByRole("button", { name: "Attempts" }).click();
    await detail.locator("tr.attempts-row:visible tr[data-outcome='delivered']").waitFor();
    const view = await panel().screenshot();
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(SCREENSHOT, view);

    // The upload's id opens its card again (a fresh one: the heading drawn before is gone).
    await page.locator("#upload-card h2").evaluate((heading) => heading.setAttribute("data-drawn-before", ""));
    await newest.getByRole("button", { name: upload.id }).click();
    await page.locator("#upload-card h2:not([data-drawn-before]) code", { hasText: fileId }).waitFor();
    expect(pageProblems).toEqual([]);
  });
});
