// The admin page's view of what VOD made of an upload (issue 14): the cover, a player for `outputs.playback`
// (hls.js for an adaptive HLS stream, a plain <video> for an MP4), the renditions, adaptive streams, snapshots and
// sprites, each task flow with its subtasks, the ready badges and the session fields, and cover thumbnails in the
// uploads list. Everything arrives the way it does in production: real callbacks posted to the service (fixture
// v3/procedure-finish-outputs, a real ProcedureStateChanged kept by an open-source app plus the Transcode,
// SnapshotByTimeOffset and SampleSnapshot results of Tencent's pages: test/fixtures/SOURCES.md), their CDN origin
// swapped for a loopback server holding a real 2-second video (serve-test-media.ts), so the player really plays.
// Set ADMIN_PAGE_SCREENSHOT=1 to rewrite docs/admin-upload-outputs.png and docs/admin-upload-outputs-420.png.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import request from "supertest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadFixture } from "../fixtures/load-fixture.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3FileDeleted, v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { launchChromium, watchPageProblems } from "./launch-chromium.js";
import { serveTestMedia, type TestMedia } from "./serve-test-media.js";

const SCREENSHOT = new URL("../../docs/admin-upload-outputs.png", import.meta.url);
const NARROW_SCREENSHOT = new URL("../../docs/admin-upload-outputs-420.png", import.meta.url);
/** The CDN origin of the fixture's URLs (a real VOD sub-application's default domain). */
const FIXTURE_ORIGIN = "http://1305819496.vod2.myqcloud.com";
const FIXTURE_TASK_ID = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";
const credentials = {
  secretId: "AKIDadminoutputs00000000000000000000",
  secretKey: "adminOutputsSecretKey000000000000",
};

let browser: Browser;
let env: ServiceWithEmulator;
let media: TestMedia;
let context: BrowserContext;
let page: Page;
let pageProblems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  env = await startServiceWithEmulator(credentials);
  media = await serveTestMedia();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await media?.close();
  await env?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(5_000);
  pageProblems = watchPageProblems(page);
  media.requests.length = 0;
});
afterEach(async () => {
  await context?.close();
});

type Json = Record<string, any>;
const deliver = (body: object) => request(env.t.app).post(env.t.callbackPath).send(body).expect(200);
const card = () => page.locator("#upload-card");

/** The fixture's ProcedureStateChanged about fileId, its URLs on the loopback CDN; `keep` picks result Types. */
function procedureWithOutputs(fileId: string, keep?: string[]): Json {
  const text = JSON.stringify(loadFixture("v3/procedure-finish-outputs")).replaceAll(FIXTURE_ORIGIN, media.origin);
  const body = JSON.parse(text) as Json;
  const event = body.ProcedureStateChangeEvent;
  event.FileId = fileId;
  if (keep) event.MediaProcessResultSet = event.MediaProcessResultSet.filter((r: Json) => keep.includes(r.Type));
  return body;
}

/** NewFileUpload (with a SourceContext to find it by) then the task flow's results. */
async function processedWithOutputs(keep?: string[]) {
  const fileId = newFileId();
  const sourceContext = `order-${randomBytes(4).toString("hex")}`;
  await deliver(
    v3NewFileUpload(fileId, (body) => {
      body.FileUploadEvent.MediaBasicInfo.SourceInfo.SourceContext = sourceContext;
    }),
  );
  await deliver(procedureWithOutputs(fileId, keep));
  return { fileId, sourceContext };
}

async function openCard(query: string): Promise<void> {
  await page.goto(`${env.service.url}/admin`);
  await page.getByLabel("Admin token").fill(env.t.adminToken);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel(/SourceContext or procedure task id/).fill(query);
  await page.getByRole("button", { name: "Search" }).click();
  await card().getByText("Status history").waitFor();
}

/** Waits until the <video> has its duration (the browser parsed the file or the stream) and reads its state. */
const videoState = () =>
  card()
    .locator("video")
    .evaluate(
      (video: any) =>
        new Promise<{ src: string; duration: number; width: number; player: string | null }>((resolve) => {
          const answer = () =>
            resolve({
              src: video.currentSrc || video.src,
              duration: video.duration,
              width: video.videoWidth,
              player: video.dataset.player ?? null,
            });
          if (video.readyState >= 1) answer();
          else video.addEventListener("loadedmetadata", answer, { once: true });
        }),
    );
/** Before a screenshot: every image decoded and the video able to play (no loading spinner). */
const settle = () =>
  card().evaluate(async (node: any) => {
    await Promise.all([...node.querySelectorAll("img")].map((img: any) => img.decode().catch(() => undefined)));
    const video = node.querySelector("video");
    if (video && video.readyState < 3) await new Promise((resolve) => video.addEventListener("canplay", resolve));
  });
const cellTexts = (row: ReturnType<Page["locator"]>) => row.locator("td").allTextContents();
const imageLoaded = (selector: string) =>
  card()
    .locator(selector)
    .first()
    .evaluate((img: any) => img.decode().then(() => img.naturalWidth));

describe("the admin page's upload card", () => {
  test("shows the cover, plays the adaptive HLS stream with hls.js, and lists renditions, streams, snapshots, sprites and the task flow with its subtasks", async () => {
    const { fileId } = await processedWithOutputs();
    await openCard(fileId);
    const url = (name: string) => expect.stringMatching(new RegExp(`^${media.origin}/.*/${name.replace(".", "\\.")}$`));

    // Ready: something to play, and every task flow heard of has finished.
    expect(await card().locator(".ready [data-ready]").allTextContents()).toEqual([
      "✓ playable",
      "✓ complete",
      "✓ publishable",
    ]);

    expect(await card().locator(".cover img").getAttribute("src")).toEqual(url("coverBySnapshot_10_0.jpg"));
    expect(await imageLoaded(".cover img")).toBe(320);

    // playback: the first adaptive HLS stream, played through hls.js (a MediaSource, so a blob: URL on the video).
    const video = await videoState();
    expect(video).toMatchObject({ player: "hls.js", width: 160 });
    expect(video.src).toMatch(/^blob:/);
    expect(video.duration).toBeCloseTo(2, 0);
    expect(media.requests).toEqual(expect.arrayContaining(["adp.10.m3u8", "adp.10.240p.m3u8", "adp.10.240p_0.mp2t"]));
    expect(await card().locator(".player figcaption").textContent()).toMatch(/^adaptive · hls · definition 10 · http/);

    const rendition = card().locator("table.renditions tbody tr");
    expect(await rendition.count()).toBe(1);
    expect(await cellTexts(rendition)).toEqual([
      expect.stringMatching(/^(0|20)$/), // Output.Definition 0 ("the original") beside Input.Definition 20
      "640×480",
      "552 kbps",
      "4.2 MB",
      "mov,mp4,m4a,3gp,3g2,mj2",
      "60 s",
      expect.stringMatching(/\/v\.f20\.mp4$/),
    ]);
    expect(await rendition.locator("a").getAttribute("href")).toEqual(url("v.f20.mp4"));
    expect(await cellTexts(card().locator("table.adaptive tbody tr"))).toEqual([
      "10",
      "HLS",
      "none",
      expect.stringMatching(/\/adp\.10\.m3u8$/),
    ]);

    const snapshots = card().locator('figure[data-kind="snapshot"]');
    expect(await snapshots.locator("img").count()).toBe(3);
    expect(await snapshots.locator("small").allTextContents()).toEqual(["3 ms", "6 ms", "9 ms"]);
    expect(await card().locator('figure[data-kind="sampleSnapshot"] img').count()).toBe(3);
    const sprite = card().locator('figure[data-kind="sprite"]');
    expect(await sprite.locator("img").getAttribute("src")).toEqual(url("imageSprite_10_0.jpg"));
    expect(await sprite.getByRole("link", { name: "WebVTT" }).getAttribute("href")).toEqual(url("imageSprite_10.vtt"));

    const task = card().locator(`li.task[data-task-id="${FIXTURE_TASK_ID}"]`);
    expect(await task.locator(".task-line").textContent()).toMatch(/^Procedure.*FINISH/);
    expect(await task.locator("tbody tr td:first-child").allTextContents()).toEqual([
      "Transcode",
      "AdaptiveDynamicStreaming",
      "SnapshotByTimeOffset",
      "SampleSnapshot",
      "ImageSprites",
      "CoverBySnapshot",
    ]);
    expect(await task.locator("tbody tr td:nth-child(2)").allTextContents()).toEqual(Array(6).fill("SUCCESS"));

    // SessionContext / SessionId as VOD echoed them in the ProcedureStateChanged.
    expect(await card().locator("dt:text-is('sessionContext') + dd").textContent()).toBe('{"orderId":1001}');
    expect(await card().locator("dt:text-is('sessionId') + dd").textContent()).toBe("order-1001-procedure");

    await settle();
    const shot = await card().screenshot();
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(SCREENSHOT, shot);
    expect(pageProblems).toEqual([]);
  });

  test("plays an MP4 rendition in a plain video when the task flow made no adaptive stream", async () => {
    const { fileId } = await processedWithOutputs(["Transcode", "CoverBySnapshot"]);
    await openCard(fileId);
    const video = await videoState();
    expect(video).toMatchObject({ player: null, width: 160 });
    expect(video.src).toMatch(new RegExp(`^${media.origin}/.*/v\\.f20\\.mp4$`));
    expect(await card().locator(".player figcaption").textContent()).toMatch(/^transcode · mp4/);
    expect(await card().locator("table.adaptive").count()).toBe(0);
    // hls.js is loaded only for an HLS stream.
    expect(await page.evaluate("performance.getEntriesByType('resource').some((e) => /hls/.test(e.name))")).toBe(false);
    expect(pageProblems).toEqual([]);
  });

  test("says why a stream does not play when its playlist cannot be loaded", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    const body = procedureWithOutputs(fileId, ["AdaptiveDynamicStreaming"]);
    const output = body.ProcedureStateChangeEvent.MediaProcessResultSet[0].AdaptiveDynamicStreamingTask.Output;
    output.Url = output.Url.replace("adp.10.m3u8", "adp.10.gone.m3u8");
    await deliver(body);
    await openCard(fileId);
    const problem = card().locator(".player-error");
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^hls\.js: networkError manifestLoadError \(HTTP 404\)$/);
    expect(media.requests).toContain("adp.10.gone.m3u8");
    expect(pageProblems).toEqual([]);
  });

  test("shows each task flow on one file, the failed one with its error", async () => {
    const { fileId } = await processedWithOutputs();
    const failed = v3Procedure(fileId, "failed");
    await deliver(failed);
    await openCard(fileId);
    const tasks = card().locator("li.task");
    expect(await tasks.count()).toBe(2);
    const failedTask = card().locator(`li.task[data-task-id="${failed.ProcedureStateChangeEvent.TaskId}"]`);
    expect(await failedTask.locator(".task-line .badge").allTextContents()).toEqual(["FINISH", "failed"]);
    expect(await failedTask.locator("tbody tr td:nth-child(2)").allTextContents()).toContain("FAIL");
    // The first flow's results are still there.
    expect(await card().locator(`li.task[data-task-id="${FIXTURE_TASK_ID}"] tbody tr`).count()).toBe(6);
    expect(await card().locator("table.renditions tbody tr").count()).toBe(1);
    expect(pageProblems).toEqual([]);
  });

  test("offers nothing to play once the upload is deleted", async () => {
    const { fileId } = await processedWithOutputs();
    await deliver(v3FileDeleted(fileId));
    await openCard(fileId);
    expect(await card().locator("h2 .badge").textContent()).toBe("DELETED");
    expect(await card().locator("video").count()).toBe(0);
    expect(await card().locator(".outputs").textContent()).toMatch(/Nothing to play/);
    expect(await card().locator(".ready [data-ready='playable']").textContent()).toBe("✗ playable");
    expect(pageProblems).toEqual([]);
  });

  test("shows URLs and messages from outputs as text: only http(s) becomes a link, an image or a video", async () => {
    const fileId = newFileId();
    await deliver(v3NewFileUpload(fileId));
    const body = procedureWithOutputs(fileId, ["Transcode", "CoverBySnapshot"]);
    const [transcode, cover] = body.ProcedureStateChangeEvent.MediaProcessResultSet;
    transcode.TranscodeTask.Output.Url = "javascript:document.title='pwned'";
    transcode.TranscodeTask.Message = `<img src=x onerror="document.title='pwned'">`;
    cover.CoverBySnapshotTask.Output.CoverUrl = "javascript:document.title='pwned'";
    await deliver(body);
    await openCard(fileId);
    await card().locator("li.task").first().waitFor();
    expect(
      await card().locator("[src^='javascript' i], [href^='javascript' i], [poster^='javascript' i]").count(),
    ).toBe(0);
    expect(await card().locator("img[src='x']").count()).toBe(0);
    expect(await card().locator("li.task tbody").textContent()).toContain(
      `<img src=x onerror="document.title='pwned'">`,
    );
    expect(await page.title()).not.toBe("pwned");
    expect(pageProblems).toEqual([]);
  });

  test("shows an edit's output with the files it was made from, each opening its own card", async () => {
    // Tencent's EditMediaComplete example (fixture v3/edit-media-complete): three input files, one output file.
    const inputs = [newFileId(), newFileId(), newFileId()];
    const output = newFileId();
    for (const fileId of inputs) await deliver(v3NewFileUpload(fileId));
    const edit = loadFixture("v3/edit-media-complete") as Json;
    edit.EditMediaCompleteEvent.Input.FileInfoSet.forEach((info: Json, i: number) => (info.FileId = inputs[i]));
    edit.EditMediaCompleteEvent.Output.FileId = output;
    await deliver(edit);
    await openCard(output);
    const derivedFrom = card().locator("dt:text-is('derivedFrom') + dd");
    expect(await derivedFrom.getByRole("button").allTextContents()).toEqual(inputs);
    expect(await card().locator("li.task .task-line").textContent()).toMatch(/^EditMedia/);

    await derivedFrom.getByRole("button", { name: inputs[1] }).click();
    await card().locator("h2 code", { hasText: inputs[1] }).waitFor();
    // The input's timeline shows the edit that used it.
    expect(await card().locator("li.event .event-line").allTextContents()).toEqual([
      expect.stringMatching(/NewFileUpload/),
      expect.stringMatching(/EditMediaComplete/),
    ]);
    expect(pageProblems).toEqual([]);
  });

  test("fits a 420 px wide screen: cover and player stack, the tables scroll in their boxes", async () => {
    const { fileId } = await processedWithOutputs();
    await page.setViewportSize({ width: 420, height: 1000 });
    await openCard(fileId);
    await videoState();
    expect(await page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).toBe(false);
    const player = await card().locator(".player").boundingBox();
    const cover = await card().locator(".cover").boundingBox();
    expect(player!.y).toBeGreaterThanOrEqual(cover!.y + cover!.height - 1);
    await settle();
    const shot = await card().screenshot();
    if (process.env.ADMIN_PAGE_SCREENSHOT) writeFileSync(NARROW_SCREENSHOT, shot);
    expect(pageProblems).toEqual([]);
  });
});

describe("the admin page's uploads list", () => {
  test("shows each upload's cover thumbnail and how ready it is", async () => {
    const { fileId, sourceContext } = await processedWithOutputs();
    await page.goto(`${env.service.url}/admin`);
    await page.getByLabel("Admin token").fill(env.t.adminToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel(/SourceContext or procedure task id/).fill(sourceContext);
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.locator("#search-results tbody tr", { hasText: fileId });
    await row.waitFor();
    expect(await row.locator("td.cover-cell img").getAttribute("src")).toMatch(
      new RegExp(`^${media.origin}/.*/coverBySnapshot_10_0\\.jpg$`),
    );
    expect(await row.locator("td.cover-cell img").evaluate((img: any) => img.decode())).toBeUndefined();
    expect(await cellTexts(row)).toEqual([
      "",
      fileId,
      "PROCESSED",
      "complete",
      // No review asked for.
      "—",
      sourceContext,
      expect.any(String),
      expect.any(String),
    ]);
    expect(pageProblems).toEqual([]);
  });
});
