// The binary's start-up contract: a bad variable stops it with a message naming the variable; production refuses
// to start without callback auth and API tokens.
import { spawnSync } from "node:child_process";
import path from "node:path";

const cli = path.resolve("src/cli.ts");
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });

describe("vod-tracker", () => {
  test("exits 1 naming every bad variable", () => {
    const result = run(["serve"], { PORT: "eighty", DATABASE_POOL_SIZE: "0" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/DATABASE_POOL_SIZE/);
  });

  test("in production refuses to start without callback auth and API tokens", () => {
    const result = run(["serve"], { NODE_ENV: "production", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CALLBACK_TOKEN or VOD_SIGN_KEY/);
    expect(result.stderr).toMatch(/API_TOKENS/);
  });

  test("explains an unknown command and exits 2", () => {
    const result = run(["frobnicate"], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command: frobnicate/);
  });
});
