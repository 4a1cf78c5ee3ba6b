// startEmulator's contract for the CLI and the tests: ports, URLs, credentials, shutdown; and `vod-tracker
// emulator`, the binary that runs it.
import { spawn } from "node:child_process";
import path from "node:path";
import { EMULATOR_DEMO_CREDENTIALS } from "../../src/emulator/demo-credentials.js";
import { startEmulator } from "../../src/emulator/start-emulator.js";
import { createVodClient } from "../../src/vod/client.js";
import { waitUntil } from "../support/emulator-wait-until.js";

describe("startEmulator", () => {
  it("listens on loopback with the COS endpoint on its own port and reports both URLs", async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ port: 0, ...EMULATOR_DEMO_CREDENTIALS, log: (line) => lines.push(line) });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(emulator.cosUrl).toBe(`http://${emulator.cosDomain}`);
      expect(emulator.cosDomain).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(emulator.cosUrl).not.toBe(emulator.url);
      expect(await (await fetch(`${emulator.url}/_emulator/health`)).json()).toEqual({ ok: true });
      expect(lines[0]).toContain(emulator.url);
    } finally {
      await emulator.close();
    }
  });

  it("accepts every configured key pair", async () => {
    const second = { secretId: "AKIDsecondTenant000000000000000000", secretKey: "secondTenantKey00000000000000000" };
    const emulator = await startEmulator({ port: 0, ...EMULATOR_DEMO_CREDENTIALS, acceptedKeys: [second] });
    try {
      for (const pair of [EMULATOR_DEMO_CREDENTIALS, second]) {
        const client = createVodClient({ ...pair, region: "ap-guangzhou", endpoint: emulator.url });
        expect((await client.DescribeEventConfig({})).Mode).toBe("PUSH");
      }
    } finally {
      await emulator.close();
    }
  });

  it("starts with the event configuration it is given", async () => {
    const emulator = await startEmulator({
      port: 0,
      ...EMULATOR_DEMO_CREDENTIALS,
      eventConfig: { mode: "PULL", uploadMediaCompleteEventSwitch: "ON" },
    });
    try {
      const client = createVodClient({ ...EMULATOR_DEMO_CREDENTIALS, region: "ap-guangzhou", endpoint: emulator.url });
      const config = await client.DescribeEventConfig({});
      expect(config).toMatchObject({ Mode: "PULL", UploadMediaCompleteEventSwitch: "ON" });
    } finally {
      await emulator.close();
    }
  });

  it("refuses to start without credentials", async () => {
    await expect(startEmulator({ port: 0, secretId: "", secretKey: "" })).rejects.toThrow(/secretId/);
  });

  it("closes promptly while a PullEvents is being held", async () => {
    const emulator = await startEmulator({ port: 0, ...EMULATOR_DEMO_CREDENTIALS, pullHoldMs: 10_000 });
    const client = createVodClient({ ...EMULATOR_DEMO_CREDENTIALS, region: "ap-guangzhou", endpoint: emulator.url });
    const held = client.PullEvents({}).catch(() => undefined);
    await waitUntil(() => emulator.state.queues.get(0)?.held() === 1);
    const started = Date.now();
    await emulator.close();
    await held;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("vod-tracker emulator", () => {
  it("listens on the ports given, prints the demo credentials, and exits 0 on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("src/cli.ts"), "emulator", "--port", "0", "--cos-port", "0", "--legacy"],
      {
        env: { PATH: process.env.PATH ?? "" },
      },
    );
    let stdout = "";
    const listening = new Promise<{ api: string; cos: string }>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split("\n").find((text) => text.includes("VOD emulator listening"));
        if (line) resolve(JSON.parse(line) as { api: string; cos: string });
      });
      child.on("exit", (code) => reject(new Error(`exited ${code} before listening:\n${stdout}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const { api, cos } = await listening;
      expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cos).not.toBe(api);
      expect(await (await fetch(`${api}/_emulator/health`)).json()).toEqual({ ok: true });
      expect(stdout).toContain(`TENCENTCLOUD_SECRET_ID=${EMULATOR_DEMO_CREDENTIALS.secretId}`);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});
