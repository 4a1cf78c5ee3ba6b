// `vod-tracker upload` end to end, as a user runs it: the real binary, the real SDKs, the VOD emulator, and our
// service receiving the emulator's pushes. A 20 MiB file goes multipart with parallel parts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import type { EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import type { TestApp } from "../support/test-app.js";

const credentials = { secretId: "AKIDuploadCli0000000000000000000000", secretKey: "uploadCliSecretKey00000000000000" };
const cli = path.resolve("src/cli.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vod-upload-cli-"));
const bigFile = path.join(work, "lesson-20mib.mp4");
let t: TestApp;
let service: { url: string };
let emulator: EmulatorHandle;
let setup: ServiceWithEmulator;

beforeAll(async () => {
  fs.writeFileSync(bigFile, randomBytes(20 * 1024 * 1024));
  setup = await startServiceWithEmulator(credentials, { procedureDelayMs: 100 });
  ({ t, service, emulator } = setup);
});
afterAll(async () => {
  await setup.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const env = (overrides: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? "",
  LOG_LEVEL: "warn",
  TENCENTCLOUD_SECRET_ID: credentials.secretId,
  TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
  VOD_ENDPOINT: emulator.url,
  COS_ENDPOINT: emulator.cosUrl,
  TRACKER_URL: service.url,
  API_TOKENS: t.apiToken,
  DATABASE_URL: t.db.url,
  DATA_DIR: path.join(work, "data"),
  ...overrides,
});
// Asynchronous on purpose: the emulator and the service run in this process and must keep answering.
function upload(
  args: string[],
  overrides?: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, "upload", ...args], { env: env(overrides) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}
const fileIdOf = (stdout: string) => /FileId: (\d+)/.exec(stdout)?.[1];

describe("vod-tracker upload", () => {
  test("a 20 MiB file with a Procedure and a SourceContext ends PROCESSED, seen through GET /v1/uploads/:ref", async () => {
    const result = await upload([
      bigFile,
      "--procedure",
      "LongVideoPreset",
      "--source-context",
      "order-cli-1",
      "--wait",
      "--concurrency",
      "4",
    ]);
    expect([result.status, result.stderr]).toEqual([0, expect.stringContaining("100%")]);
    expect(result.stdout).toMatch(/Status: PROCESSED/);
    const fileId = fileIdOf(result.stdout);
    const { body } = await request(t.app).get(`/v1/uploads/${fileId}`).set("Authorization", `Bearer ${t.apiToken}`);
    expect(body).toMatchObject({
      status: "PROCESSED",
      sourceContext: "order-cli-1",
      procedure: "LongVideoPreset",
      procedureTaskId: expect.any(String),
    });
    const stored = [...emulator.state.objects.values()].find((object) => object.bytes.length === 20 * 1024 * 1024);
    expect(stored?.bytes.equals(fs.readFileSync(bigFile))).toBe(true);
  }, 120_000);

  test("a failed task flow ends FAILED and exits 3", async () => {
    emulator.configure({ procedureOutcome: "failure" });
    const small = path.join(work, "broken.mp4");
    fs.writeFileSync(small, randomBytes(64 * 1024));
    const result = await upload([small, "--procedure", "LongVideoPreset", "--wait"]);
    emulator.configure({ procedureOutcome: "success" });
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/Status: FAILED/);
  }, 60_000);

  test("an upload whose status service is unreachable says it was uploaded, names TRACKER_URL and exits 4", async () => {
    const file = path.join(work, "unfollowed.mp4");
    fs.writeFileSync(file, randomBytes(64 * 1024));
    const unreachable = "http://127.0.0.1:1";
    const result = await upload([file, "--wait"], { TRACKER_URL: unreachable });
    expect(result.status).toBe(4);
    const fileId = fileIdOf(result.stdout);
    expect(fileId).toBeDefined();
    expect(result.stderr).toContain(fileId);
    expect(result.stderr).toContain("TRACKER_URL");
    expect(result.stderr).toContain(unreachable);
    expect(result.stderr).not.toMatch(/upload failed/);
    // It was uploaded: VOD holds the media, and the upload was recorded with its FileId.
    expect(emulator.state.media.get(fileId as string)).toMatchObject({ size: 64 * 1024 });
    const { body } = await request(t.app).get(`/v1/uploads/${fileId}`).set("Authorization", `Bearer ${t.apiToken}`);
    expect(body).toMatchObject({ fileId });
  }, 60_000);

  test("an upload killed half-way resumes the same VOD session and finishes", async () => {
    const file = path.join(work, "resume.mp4");
    const size = 60 * 1024 * 1024;
    fs.writeFileSync(file, randomBytes(size));
    const partsReceived = () => [...emulator.state.multipartUploads.values()].reduce((sum, m) => sum + m.parts.size, 0);
    const child = spawn(process.execPath, ["--import", "tsx", cli, "upload", file, "--concurrency", "1"], {
      env: env(),
    });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Killed once COS holds a couple of its 5 MiB parts: SIGKILL, as a crash or an OOM kill would.
    const deadline = Date.now() + 60_000;
    while (partsReceived() < 2 && child.exitCode === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill("SIGKILL");
    await exited;
    expect(child.signalCode).toBe("SIGKILL");
    const partsBefore = partsReceived();
    expect(partsBefore).toBeGreaterThan(0);
    expect(partsBefore).toBeLessThan(size / (5 * 1024 * 1024));

    const result = await upload([file, "--concurrency", "2"]);
    expect([result.status, result.stderr]).toEqual([
      0,
      expect.stringMatching(/resumed an earlier, interrupted upload/),
    ]);
    expect(fileIdOf(result.stdout)).toBeDefined();
    const stored = [...emulator.state.objects.values()].find((object) => object.bytes.length === size);
    expect(stored?.bytes.equals(fs.readFileSync(file))).toBe(true);
  }, 120_000);

  test("--wait without API_TOKENS refuses before uploading when the kept development tokens hold no app token", async () => {
    const dataDir = fs.mkdtempSync(path.join(work, "tokenless-"));
    fs.writeFileSync(
      path.join(dataDir, "dev-tokens.json"),
      JSON.stringify({ callbackToken: "cb_kept", adminToken: "adm_kept" }),
    );
    const file = path.join(work, "tokenless.mp4");
    fs.writeFileSync(file, randomBytes(1024));
    const mediaBefore = emulator.state.media.size;
    const result = await upload([file, "--wait"], { API_TOKENS: "", DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(fileIdOf(result.stdout)).toBeUndefined();
    expect(emulator.state.media.size).toBe(mediaBefore);
  }, 60_000);

  test("says clearly what is wrong: a missing file, a wrong key, a refused region", async () => {
    const missing = await upload([path.join(work, "nope.mp4")]);
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringMatching(/nope\.mp4 cannot be read: ENOENT/)]);
    const small = path.join(work, "small.mp4");
    fs.writeFileSync(small, randomBytes(1024));
    const wrongKey = await upload([small], { TENCENTCLOUD_SECRET_KEY: "wrong" });
    expect([wrongKey.status, wrongKey.stderr]).toEqual([1, expect.stringContaining("AuthFailure.SignatureFailure")]);
    const region = await upload([small, "--storage-region", "Mars!"]);
    expect([region.status, region.stderr]).toEqual([1, expect.stringContaining("InvalidParameterValue.StorageRegion")]);
  }, 60_000);
});
