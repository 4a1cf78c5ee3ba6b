// The admin page in headless Chromium (Debian's `chromium` driven by playwright-core), against the app on a
// loopback port with the VOD emulator behind it: sign in, stats, search, an upload's card with its history and
// raw payloads, replay, the invalid events, and a lost callback found and repaired by Reconcile.
// Set ADMIN_PAGE_SCREENSHOT=1 to rewrite docs/admin-page.png and docs/admin-page-420.png (off by default: every run
// has new FileIds).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import request from "supertest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { launchChromium, watchPageProblems } from "./launch-chromium.js";

const SCREENSHOT = new URL("../../docs/admin-page.png", import.meta.url);
const NARROW_SCREENSHOT = new URL("../../docs/admin-page-420.png", import.meta.url);
const credentials = {
  secretId: "AKIDadminpage0000000000000000000000",
  secretKey: "adminPageSecretKey0000000000000000",
};

let browser: Browser;
let env: ServiceWithEmulator;
let context: BrowserContext;
let page: Page;
/** Uncaught errors and CSP violations seen by the page in the current test. */
let pageProblems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  env = await startServiceWithEmulator(credentials);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(5_000);
  pageProblems = watchPageProblems(page);
});
afterEach(async () => {
  await context?.close();
});

const deliver = (body: object) => request(env.t.app).post(env.t.callbackPath).send(body).expect(200);
const uniqueContext = () => `order-${randomBytes(4).toString("hex")}`;
const card = () => page.locator("#upload-card");

async function signIn(token = env.t.adminToken): Promise<void> {
  await page.goto(`${env.service.url}/admin`);
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function search(query: string): Promise<void> {
  await page.getByLabel(/SourceContext or procedure task id/).fill(query);
  await page.getByRole("button", { name: "Search" }).click();
}

/** How many lines of text an element's content takes on screen. */
const lineCount = (selector: string) =>
  page.locator(selector).evaluate((node) => {
    const range = node.ownerDocument.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)))
      .size;
  });
const overflowsSideways = () => page.evaluate("document.documentElement.scrollWidth > window.innerWidth");

/** A NewFileUpload then a successful ProcedureStateChanged, as VOD pushes them. */
async function processedUpload(sourceContext = uniqueContext()) {
  const fileId = newFileId();
  const upload = v3NewFileUpload(fileId, (body) => {
    body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext;
  });
  await deliver(upload);
  await deliver(v3Procedure(fileId));
  return { fileId, sourceContext, upload };
}

describe("the admin page", () => {
  test("signs in, finds an upload by FileId, shows its history and raw payload, replays an event, and finds it by SourceContext", async () => {
    const { fileId, sourceContext, upload } = await processedUpload();
    await signIn();
    await page.locator("#stats-body .tile.total").waitFor();
    expect(await page.locator("#stats-body").textContent()).toMatch(/PROCESSED/);

    await search(fileId);
    await card().waitFor();
    expect(await card().locator("h2").textContent()).toBe(`Upload ${fileId}PROCESSED`);
    expect(await card().locator("dt:text-is('sourceContext') + dd").textContent()).toBe(sourceContext);
    expect(await card().locator("dt:text-is('name') + dd").textContent()).toBe("lesson-01-intro");
    const events = card().locator("li.event");
    expect(await events.count()).toBe(2);
    expect(await events.nth(0).locator(".event-line").textContent()).toMatch(/NewFileUpload.*push.*applied/);
    expect(await events.nth(1).locator(".event-line").textContent()).toMatch(/ProcedureStateChanged.*push.*applied/);

    const first = events.nth(0);
    await first.getByRole("button", { name: "Payload" }).click();
    await first.locator("pre.payload").getByText('"EventType": "NewFileUpload"').waitFor();
    expect(JSON.parse((await first.locator("pre.payload").textContent()) ?? "")).toEqual(upload);
    expect(await first.getByRole("button", { name: "Payload" }).getAttribute("aria-expanded")).toBe("true");

    await first.getByRole("button", { name: "Replay" }).click();
    await first
      .locator(".answer")
      .getByText(/^Replay: /)
      .waitFor();
    expect(await first.locator(".answer").textContent()).toBe(
      "Replay: duplicate. This event was already applied; nothing changed.",
    );
    // A replay that changes nothing records nothing.
    expect(await env.t.db.prisma.vodEvent.count({ where: { fileId } })).toBe(2);

    const shot = await card().screenshot();
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(SCREENSHOT, shot);

    // The token stays for the tab: a reload needs no new sign-in.
    await page.reload();
    await page.locator("#workspace").waitFor();

    await search(sourceContext);
    const result = page.locator("#search-results .result");
    await result.waitFor();
    expect(await result.locator("h3").textContent()).toBe(`SourceContext “${sourceContext}”: 1 upload`);
    await result.getByRole("button", { name: fileId }).click();
    await card().getByText("Status history").waitFor();
    expect(await card().locator("li.event").count()).toBe(2);
    expect(pageProblems).toEqual([]);
  });

  test("says clearly when the token is wrong, or is an app token, and keeps nothing", async () => {
    await signIn(`adm_${randomBytes(8).toString("hex")}`);
    const error = page.locator("#sign-in-error");
    await error.waitFor();
    expect(await error.textContent()).toBe(
      "This token is not accepted (401 unauthenticated). Use one of ADMIN_TOKENS.",
    );
    expect(await page.locator("#workspace").isHidden()).toBe(true);
    expect(await page.evaluate("sessionStorage.length")).toBe(0);

    await page.getByLabel("Admin token").fill(env.t.apiToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await error.getByText(/403 forbidden/).waitFor();
    expect(await page.locator("#workspace").isHidden()).toBe(true);
    expect(pageProblems).toEqual([]);
  });

  test("lists invalid events with what was wrong, and replays one", async () => {
    const fileId = newFileId();
    await deliver({ EventType: "NewFileUpload", FileUploadEvent: { FileId: fileId, MediaBasicInfo: "not an object" } });
    await signIn();
    const item = page.locator("#events li.event", { hasText: fileId });
    await item.waitFor();
    expect(await item.locator(".badge").textContent()).toBe("invalid");
    expect(await item.locator(".event-error").textContent()).toMatch(/MediaBasicInfo/);

    await item.getByRole("button", { name: "Replay" }).click();
    await item
      .locator(".answer")
      .getByText(/^Replay: still invalid: /)
      .waitFor();
    expect(await item.locator(".answer").textContent()).toMatch(/MediaBasicInfo/);
    expect(pageProblems).toEqual([]);
  });

  test("replays an event whose upload was lost, and marks the row recording the replay with the event it replayed", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    const original = await env.t.db.prisma.vodEvent.findFirstOrThrow({ where: { fileId } });
    await env.t.db.prisma.upload.delete({ where: { fileId } });
    await signIn();
    await page.locator("#events-outcome").selectOption("applied");
    const item = page.locator(`#events li.event[data-event-id="${original.id}"]`);
    await item.getByRole("button", { name: "Replay" }).click();
    await item
      .locator(".answer")
      .getByText(/^Replay: applied/)
      .waitFor();

    await page.locator("#events-outcome").selectOption("");
    const recorded = page.locator("#events li.event", { hasText: `replay of #${original.id}` });
    await recorded.waitFor();
    expect(await recorded.locator(".event-line").textContent()).toMatch(/NewFileUpload.*replay.*applied/);
    expect(pageProblems).toEqual([]);
  });

  test("finds a FileId whose callback VOD lost and repairs it with Reconcile", async () => {
    const sourceContext = uniqueContext();
    env.emulator.configure({ dropNextPushes: 1 });
    const { fileId } = await uploadToEmulator(env.vod, env.emulator.cosDomain, { sourceContext });
    await waitUntil(() =>
      env.emulator.state.deliveries.some((d) => d.outcome === "dropped" && JSON.stringify(d.body).includes(fileId)),
    );

    await signIn();
    await search(fileId);
    await page
      .locator("#search-message")
      .getByText(/^Nothing found/)
      .waitFor();
    await card()
      .getByText(/holds nothing about this FileId/)
      .waitFor();

    await card().getByRole("button", { name: "Reconcile with VOD" }).click();
    const notice = card().locator(".notice");
    await notice.getByText(/^Reconcile: repaired\./).waitFor();
    expect(await notice.textContent()).toMatch(
      /^Reconcile: repaired\. no row → UPLOADED; VOD has it; recorded #\d+ NewFileUpload\.$/,
    );
    expect(await card().locator("dt:text-is('sourceContext') + dd").textContent()).toBe(sourceContext);
    expect(await card().locator("li.event .event-line").textContent()).toMatch(/NewFileUpload.*reconcile.*applied/);
    expect(await env.t.db.prisma.upload.findUnique({ where: { fileId } })).toMatchObject({
      status: "UPLOADED",
      sourceContext,
    });
    expect(pageProblems).toEqual([]);
  });

  test("shows markup in VOD data as text", async () => {
    const fileId = newFileId();
    const name = `<img src=x onerror="document.title='pwned'">lesson`;
    await deliver(
      v3NewFileUpload(fileId, (body) => {
        body.FileUploadEvent.MediaBasicInfo.Name = name;
        body.FileUploadEvent.MediaBasicInfo.MediaUrl = "javascript:document.title='pwned'";
      }),
    );
    await signIn();
    await search(fileId);
    await card().waitFor();
    expect(await card().locator("dt:text-is('name') + dd").textContent()).toBe(name);
    // Only http(s) URLs become links.
    expect(await card().locator("dt:text-is('mediaUrl') + dd").textContent()).toBe("javascript:document.title='pwned'");
    expect(await card().locator("dt:text-is('mediaUrl') + dd a").count()).toBe(0);
    expect(await card().locator("img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    expect(pageProblems).toEqual([]);
  });

  test("fits a 420 px wide screen: the upload card stacks its fields, the FileId takes two lines at most, a wide table scrolls in its box", async () => {
    // No space to break at: the table of search results must scroll inside its box, not widen the page.
    const sourceContext = `order-${randomBytes(24).toString("hex")}`;
    const { fileId } = await processedUpload(sourceContext);
    await page.setViewportSize({ width: 420, height: 900 });
    await signIn();
    await search(sourceContext);
    const table = page.locator("#search-results .table-scroll");
    await table.waitFor();
    expect(await overflowsSideways()).toBe(false);
    expect(
      await table.evaluate(
        (box) =>
          box.scrollWidth > box.clientWidth && box.ownerDocument.defaultView.getComputedStyle(box).overflowX === "auto",
      ),
    ).toBe(true);

    await table.getByRole("button", { name: fileId }).click();
    await card().getByText("Status history").waitFor();
    const shot = await card().screenshot();
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(NARROW_SCREENSHOT, shot);

    expect(await overflowsSideways()).toBe(false);
    expect(await lineCount("#upload-card h2 code")).toBeLessThanOrEqual(2);
    expect(await lineCount("#upload-card dt:text-is('fileId') + dd")).toBeLessThanOrEqual(2);
    // Stacked: each value under its name, across the card's width.
    const name = await card().locator("dt:text-is('fileId')").boundingBox();
    const value = await card().locator("dt:text-is('fileId') + dd").boundingBox();
    const fields = await card().locator("dl.fields").boundingBox();
    expect(value!.y).toBeGreaterThanOrEqual(name!.y + name!.height - 1);
    expect(value!.width).toBeGreaterThan(fields!.width * 0.9);
    expect(await card().locator("dt:text-is('sourceContext') + dd").textContent()).toBe(sourceContext);
    expect(pageProblems).toEqual([]);
  });
});
