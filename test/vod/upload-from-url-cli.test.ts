// `vod-tracker upload --from-url` end to end, as a user runs it: the real binary asks our service
// (POST /v1/uploads/pull), the service calls PullUpload on the VOD emulator through the real SDK, the emulator
// fetches the file from a loopback origin and pushes PullComplete (then the task flow's events) back to the service,
// and --wait follows the upload through GET /v1/uploads/:ref. Issue 15's "done when": a pull from a loopback HTTP
// server ends UPLOADED then PROCESSED with its SourceContext; a pull from an unreachable URL ends FAILED (60000).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import type { EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import type { TestApp } from "../support/test-app.js";
import { startLoopbackMediaServer } from "./loopback-media-server.js";

const credentials = { secretId: "AKIDuploadFromUrl00000000000000000", secretKey: "uploadFromUrlSecretKey0000000000" };
const cli = path.resolve("src/cli.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vod-upload-from-url-"));
let t: TestApp;
let service: { url: string };
let emulator: EmulatorHandle;
let setup: ServiceWithEmulator;
let origin: Awaited<ReturnType<typeof startLoopbackMediaServer>>;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials, { procedureDelayMs: 100 }, { vodCredentials: true });
  ({ t, service, emulator } = setup);
  origin = await startLoopbackMediaServer(Buffer.from("a lesson pulled from its origin ".repeat(100)));
});
afterAll(async () => {
  await origin.close();
  await setup.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// Asynchronous on purpose: the emulator, the origin and the service run in this process and must keep answering.
function upload(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    LOG_LEVEL: "warn",
    TRACKER_URL: service.url,
    API_TOKENS: t.apiToken,
    DATA_DIR: path.join(work, "data"),
  };
  const child = spawn(process.execPath, ["--import", "tsx", cli, "upload", ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

const api = (ref: string) => request(t.app).get(`/v1/uploads/${ref}`).set("Authorization", `Bearer ${t.apiToken}`);
const uploadIdOf = (stdout: string) => /Upload: (upl_\S+)/.exec(stdout)?.[1];

describe("vod-tracker upload --from-url", () => {
  test("a file on a loopback origin with a Procedure ends PROCESSED with its SourceContext and FileId", async () => {
    const url = origin.url("/lessons/intro.mp4");
    const result = await upload([
      "--from-url",
      url,
      "--procedure",
      "LongVideoPreset",
      "--source-context",
      "order-url-1",
      "--wait",
    ]);
    expect([result.status, result.stderr]).toEqual([0, expect.stringContaining("status: PROCESSED")]);
    expect(result.stdout).toMatch(new RegExp(`TaskId: ${emulator.appId}-Pull-[0-9a-f]{32}`));
    expect(result.stdout).toMatch(/FileId: \d{19}/);
    expect(result.stdout).toMatch(/Status: PROCESSED/);
    const { body } = await api(uploadIdOf(result.stdout)!);
    const pulled = [...emulator.state.pullTasks.values()].find((task) => task.mediaUrl === url)!;
    expect(body).toMatchObject({
      status: "PROCESSED",
      fileId: pulled.fileId,
      // UPLOADED (PullComplete) came before PROCESSED (ProcedureStateChanged).
      uploadedAt: expect.any(String),
      processedAt: expect.any(String),
      sourceContext: "order-url-1",
      procedure: "LongVideoPreset",
      procedureTaskId: emulator.state.media.get(pulled.fileId)!.procedureTaskId,
    });
    expect(origin.requests).toContain("/lessons/intro.mp4");
  });

  test("without --wait it prints the PENDING upload and its TaskId", async () => {
    const result = await upload(["--from-url", origin.url("/lessons/two.mp4")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Upload: upl_\S+\nTaskId: \S+-Pull-\S+\nStatus: PENDING/);
  });

  test("a URL VOD cannot fetch ends FAILED, and the command fails", async () => {
    const result = await upload(["--from-url", "http://203.0.113.7/unreachable.mp4", "--wait"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Status: FAILED/);
    expect(result.stdout).not.toMatch(/FileId:/);
    const { body } = await api(uploadIdOf(result.stdout)!);
    expect(body).toMatchObject({ status: "FAILED", fileId: null });
  });

  test("an invalid URL is a usage error (exit 2) and starts nothing", async () => {
    const before = emulator.state.pullTasks.size;
    const result = await upload(["--from-url", "ftp://example.com/a.mp4"]);
    expect([result.status, result.stderr]).toEqual([2, "error: --from-url must be an http:// or https:// URL\n"]);
    expect(emulator.state.pullTasks.size).toBe(before);
  });
});
