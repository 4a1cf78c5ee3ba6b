// `vod-tracker configure-events`: ModifyEventConfig from flags, and --show prints DescribeEventConfig, against the
// emulator through the real SDK.
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";

const credentials = { secretId: "AKIDconfigureCli000000000000000000", secretKey: "configureCliSecretKey00000000000" };
const cli = path.resolve("src/cli.ts");
let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials });
});
afterAll(() => emulator.close());

function run(
  args: string[],
  overrides: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", cli, "configure-events", ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      LOG_LEVEL: "warn",
      TENCENTCLOUD_SECRET_ID: credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
      VOD_ENDPOINT: emulator.url,
      ...overrides,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

describe("vod-tracker configure-events", () => {
  test("sets the mode, the callback URL with its token, the switches and the SignKey, then shows them", async () => {
    const url = "https://tracker.example.com/callbacks/vod?token=abc";
    const set = await run([
      "--mode",
      "push",
      "--url",
      url,
      "--upload-events",
      "on",
      "--delete-events",
      "ON",
      "--sign-key",
      "abcd1234ABCD",
    ]);
    expect(set.status).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      mode: "PUSH",
      notificationUrl: url,
      uploadEvents: "ON",
      deleteEvents: "ON",
    });
    const shown = await run(["--show"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ mode: "PUSH", notificationUrl: url });
    expect(shown.stdout).not.toContain("abcd1234ABCD"); // DescribeEventConfig never returns the SignKey
  }, 30_000);

  test("refuses a bad value before calling VOD, and a wrong key with VOD's error code", async () => {
    const bad = await run(["--mode", "sideways"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/mode/i);
    const wrongKey = await run(["--show"], { TENCENTCLOUD_SECRET_KEY: "wrong" });
    expect([wrongKey.status, wrongKey.stderr]).toEqual([1, expect.stringContaining("AuthFailure.SignatureFailure")]);
  }, 30_000);
});
