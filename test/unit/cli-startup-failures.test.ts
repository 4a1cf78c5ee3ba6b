// A start-up failure the user fixes with one setting is told in one line naming that setting, without a stack
// trace, and the process exits non-zero: a port held by another process, a database server that refuses
// connections. (A database that does not exist needs a real server: test/reliability/startup-failures.test.ts.)
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { runCli } from "../support/run-cli.js";

const stackFrame = /^\s+at /m;
const unreachableDatabase = "postgresql://postgres@127.0.0.1:1/vod_tracker";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-cli-startup-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const lines = (text: string) => text.trimEnd().split("\n");

describe("a port held by another process", () => {
  let holder: net.Server;
  let port: number;
  beforeAll(async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    port = (holder.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

  const vodCredentials = {
    TENCENTCLOUD_SECRET_ID: "AKIDstartup",
    TENCENTCLOUD_SECRET_KEY: "startup",
    VOD_ENDPOINT: "http://127.0.0.1:1",
  };
  test.each([
    // MIGRATE_ON_START=false: serve and pull reach their listen without a database; pull's VOD client needs keys.
    ["serve", "PORT", () => ({ args: ["serve"], env: { PORT: String(port) } })],
    ["pull", "METRICS_PORT", () => ({ args: ["pull"], env: { METRICS_PORT: String(port), ...vodCredentials } })],
    ["emulator", "--port", () => ({ args: ["emulator", "--port", String(port)], env: {} })],
  ])("%s exits 1 with one line naming %s, no stack trace", async (_command, setting, given) => {
    const { args, env } = given();
    const result = await runCli(args, {
      ...env,
      HOST: "127.0.0.1",
      DATABASE_URL: unreachableDatabase,
      MIGRATE_ON_START: "false",
      LOG_LEVEL: "warn",
      DATA_DIR: dataDir,
    });
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining(setting)]);
    expect(result.stderr).toContain(String(port));
    expect(result.stderr).not.toMatch(stackFrame);
    expect(result.stdout).not.toMatch(stackFrame);
  });
});

describe("a database server that refuses connections", () => {
  test.each(["serve", "migrate"])(
    "%s exits 1 with one sentence naming DATABASE_URL, no stack trace",
    async (command) => {
      const result = await runCli([command], {
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: unreachableDatabase,
        LOG_LEVEL: "warn",
        DATA_DIR: dataDir,
      });
      expect(result.status).toBe(1);
      expect(lines(result.stderr)).toEqual([expect.stringContaining("DATABASE_URL")]);
      expect(result.stderr).toContain("127.0.0.1:1");
      expect(result.stderr).not.toMatch(stackFrame);
      expect(result.stdout).not.toMatch(stackFrame);
    },
  );
});
