// `vod-tracker upload FILE --wait` ends by printing where a player plays the upload and its cover (issue 14): the
// real binary, the real SDKs, the VOD emulator pushing to our service, and the status answer's
// outputs.playback.url / outputs.coverUrl (GET /v1/uploads/:ref). What is printed is compared with what VOD itself
// answers through DescribeMediaInfos (SDK MediaInfo: AdaptiveDynamicStreamingSet, BasicInfo.CoverUrl, MediaUrl).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";

const credentials = { secretId: "AKIDuploadPlayback00000000000000", secretKey: "uploadPlaybackSecretKey000000000" };
const cli = path.resolve("src/cli.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vod-upload-playback-"));
let setup: ServiceWithEmulator;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials, { procedureDelayMs: 100 });
});
afterAll(async () => {
  await setup.close();
  fs.rmSync(work, { recursive: true, force: true });
});
afterEach(() => setup.emulator.configure({ eventFormat: "v3" }));

// Asynchronous on purpose: the emulator and the service run in this process and must keep answering.
function upload(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const file = path.join(work, `clip-${randomBytes(4).toString("hex")}.mp4`);
  fs.writeFileSync(file, randomBytes(256 * 1024));
  const env = {
    PATH: process.env.PATH ?? "",
    LOG_LEVEL: "warn",
    TENCENTCLOUD_SECRET_ID: credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
    VOD_ENDPOINT: setup.emulator.url,
    COS_ENDPOINT: setup.emulator.cosUrl,
    TRACKER_URL: setup.service.url,
    API_TOKENS: setup.t.apiToken,
    DATABASE_URL: setup.t.db.url,
    DATA_DIR: path.join(work, "data"),
  };
  const child = spawn(process.execPath, ["--import", "tsx", cli, "upload", file, "--wait", ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

async function vodMediaOf(stdout: string) {
  const fileId = /FileId: (\d+)/.exec(stdout)?.[1];
  expect(fileId).toBeDefined();
  const [media] = (await setup.vod.DescribeMediaInfos({ FileIds: [fileId!] })).MediaInfoSet!;
  return media!;
}

const linesAfterStatus = (stdout: string) => stdout.slice(stdout.indexOf("Status: ")).trim().split("\n");

describe("vod-tracker upload --wait", () => {
  test("ends with the adaptive HLS stream to play and the task flow's cover", async () => {
    const result = await upload(["--procedure", "LongVideoPreset"]);
    expect([result.status, result.stderr]).toEqual([0, expect.any(String)]);
    const media = await vodMediaOf(result.stdout);
    const [stream] = media.AdaptiveDynamicStreamingInfo!.AdaptiveDynamicStreamingSet;
    expect(stream!.Url).toMatch(/\.m3u8$/);
    expect(linesAfterStatus(result.stdout)).toEqual([
      "Status: PROCESSED",
      `Playback: ${stream!.Url} (adaptive hls)`,
      `Cover: ${media.BasicInfo!.CoverUrl}`,
    ]);
  }, 60_000);

  test("in the 2017 event format, which has no adaptive streams, ends with a transcode to play and the cover", async () => {
    // The archived 2017 ProcedureStateChanged page: processTaskList Transcode outputs and CoverBySnapshot imageUrl
    // (docs/vod-events.md §11.5); the emulator names the same files under 2017 template numbers.
    setup.emulator.configure({ eventFormat: "legacy" });
    const result = await upload(["--procedure", "LongVideoPreset"]);
    expect(result.status).toBe(0);
    const media = await vodMediaOf(result.stdout);
    const [status, playback, cover] = linesAfterStatus(result.stdout);
    expect(status).toBe("Status: PROCESSED");
    expect(playback).toMatch(/^Playback: http\S+\.f\d+\.(mp4|av\.m3u8) \(transcode( \w+)?\)$/);
    expect(cover).toBe(`Cover: ${media.BasicInfo!.CoverUrl}`);
  }, 60_000);

  test("without a task flow, ends with the source file to play and no cover line", async () => {
    const result = await upload([]);
    expect(result.status).toBe(0);
    const media = await vodMediaOf(result.stdout);
    const lines = linesAfterStatus(result.stdout);
    expect(lines[0]).toBe("Status: UPLOADED");
    expect(lines[1]).toMatch(new RegExp(`^Playback: ${media.BasicInfo!.MediaUrl!.replace(/[.?]/g, "\\$&")} \\(source`));
    expect(lines.some((line) => line.startsWith("Cover:"))).toBe(false);
  }, 60_000);
});
