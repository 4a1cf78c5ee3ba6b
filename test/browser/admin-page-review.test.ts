// The admin page's moderation and pull uploads (issue 15), in headless Chromium against the app on a loopback port
// with the VOD emulator behind it. Everything arrives as in production: the uploads are started with
// POST /v1/uploads/pull, the emulator fetches them from a loopback origin (or fails with 60000 for a host that is not
// on this machine) and pushes PullComplete, and the verdicts are set on the emulator, which pushes
// ReviewAudioVideoComplete. The page shows a review badge with labels on each list row and on the card, a filter for
// blocked and to-be-reviewed uploads, and a pulled upload's source URL and pull error.
// Set ADMIN_PAGE_SCREENSHOT=1 to rewrite docs/admin-upload-review.png and docs/admin-moderation.png (off by default:
// every run has new FileIds).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import request from "supertest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { startLoopbackMediaServer } from "../vod/loopback-media-server.js";
import { launchChromium, watchPageProblems } from "./launch-chromium.js";

const SCREENSHOT = new URL("../../docs/admin-upload-review.png", import.meta.url);
const LIST_SCREENSHOT = new URL("../../docs/admin-moderation.png", import.meta.url);
const credentials = {
  secretId: "AKIDadminreview00000000000000000000",
  secretKey: "adminReviewSecretKey0000000000000",
};

type Json = Record<string, any>;
let browser: Browser;
let env: ServiceWithEmulator;
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;
let context: BrowserContext;
let page: Page;
let pageProblems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  env = await startServiceWithEmulator(credentials, { procedureDelayMs: 50 }, { vodCredentials: true });
  origin = await startLoopbackMediaServer(Buffer.from("a clip for the moderators ".repeat(100)));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await origin?.close();
  await env?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(5_000);
  pageProblems = watchPageProblems(page);
});
afterEach(async () => {
  await context?.close();
});

const api = (path: string) => request(env.t.app).get(path).set("Authorization", `Bearer ${env.t.apiToken}`);
const card = () => page.locator("#upload-card");

async function until(ref: string, holds: (upload: Json) => boolean): Promise<Json> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const { body } = await api(`/v1/uploads/${ref}`);
    if (holds(body)) return body as Json;
    if (Date.now() > deadline) throw new Error(`upload ${ref} never matched: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** POST /v1/uploads/pull as an app backend sends it. */
async function pull(mediaUrl: string): Promise<Json> {
  const response = await request(env.t.app)
    .post("/v1/uploads/pull")
    .set("Authorization", `Bearer ${env.t.apiToken}`)
    .send({
      mediaUrl,
      mediaName: mediaUrl.split("/").at(-1),
      sourceContext: `course-${randomBytes(4).toString("hex")}`,
    });
  expect(response.status).toBe(201);
  return response.body as Json;
}

/** A pulled upload with the emulator's verdict on it, as VOD's ReviewAudioVideoComplete reports it. */
async function moderated(name: string, suggestion: "block" | "review", label: string, confidence: number) {
  const started = await pull(origin.url(`/clips/${name}.mp4`));
  const { fileId } = await until(started.id as string, (upload) => upload.fileId !== null);
  expect(env.emulator.setReviewVerdict({ fileId, suggestion, label, confidence }).ok).toBe(true);
  return until(started.id as string, (upload) => upload.review?.status === suggestion);
}

async function signIn(): Promise<void> {
  await page.goto(`${env.service.url}/admin`);
  await page.getByLabel("Admin token").fill(env.t.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("lists blocked and to-be-reviewed uploads with their labels, and shows a card's verdict and a pull's error", async () => {
  const blocked = await moderated("blocked", "block", "Porn", 98);
  const flagged = await moderated("flagged", "review", "Terrorism", 71);
  const unreachable = "http://203.0.113.7/clips/gone.mp4";
  const failed = await pull(unreachable);
  await until(failed.id as string, (upload) => upload.status === "FAILED");

  await signIn();
  // The filter opens on what is blocked: one row, its badge and its label with VOD's confidence.
  const moderation = page.locator("#moderation-body");
  await moderation.locator("h3").waitFor();
  expect(await moderation.locator("h3").textContent()).toBe("Blocked: 1 upload");
  const row = moderation.locator("tbody tr");
  expect(await row.count()).toBe(1);
  expect(await row.locator("td").nth(1).textContent()).toBe(blocked.fileId);
  expect(await row.locator("[data-review]").textContent()).toBe("blocked");
  expect(await row.locator(".review-labels").textContent()).toBe("porn 98");
  expect(await row.locator(".chip").textContent()).toBe("pulled");
  const list = await page.locator("#moderation").screenshot();
  if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(LIST_SCREENSHOT, list);

  await page.getByRole("combobox", { name: /^Review/ }).selectOption("review");
  await moderation.locator("h3", { hasText: "To be reviewed" }).waitFor();
  expect(await moderation.locator("tbody tr td").nth(1).textContent()).toBe(flagged.fileId);
  expect(await moderation.locator("tbody tr .review-labels").textContent()).toBe("terrorism 71");

  // The card: the verdict beside the status, publishable held back, every check, the pull it came from.
  await page.getByRole("combobox", { name: /^Review/ }).selectOption("block");
  await moderation.getByRole("button", { name: blocked.fileId }).click();
  await card().locator(".review").waitFor();
  expect(await card().locator("h2 [data-review]").textContent()).toBe("blocked");
  expect(await card().locator("h2 .badge").first().textContent()).toBe(blocked.status);
  expect(await card().locator(".ready [data-ready]").allTextContents()).toEqual([
    "✓ playable",
    "✓ complete",
    "✗ publishable",
  ]);
  const checks = card().locator(".review-checks tbody tr");
  expect(await checks.count()).toBe(blocked.review.checks.length);
  expect(await checks.first().locator("td").nth(2).textContent()).toBe("porn");
  expect(await card().locator(".pull dt:text-is('sourceUrl') + dd a").getAttribute("href")).toBe(
    origin.url("/clips/blocked.mp4"),
  );
  expect(await card().locator(".pull-error").count()).toBe(0);
  const shot = await card().screenshot();
  if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(SCREENSHOT, shot);

  // A pull VOD could not fetch: FAILED, the source URL, the error code and that pulling again cannot help.
  await page.getByLabel(/SourceContext or procedure task id/).fill(failed.id as string);
  await page.getByRole("button", { name: "Search" }).click();
  await card().locator(".pull").waitFor();
  expect(await card().locator("h2 .badge").first().textContent()).toBe("FAILED");
  expect(await card().locator(".pull dt:text-is('sourceUrl') + dd").textContent()).toBe(unreachable);
  expect(await card().locator("dd.pull-error").textContent()).toMatch(
    /^60000: Source file error: .* — final: pulling this URL again fails the same way$/,
  );
  expect(await card().locator(".review").count()).toBe(0);
  expect(pageProblems).toEqual([]);
});
