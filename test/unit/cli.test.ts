// The binary's contract: a bad variable stops it with a message naming the variable; production refuses to start
// without callback auth and API tokens; every command answers --help without doing anything else; a wrong command
// line is one line on stderr, with a suggestion for a typo, and exit code 2.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { runCli } from "../support/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const USAGE_ERROR = 2;
const stackFrame = /^\s+at /m;

describe("vod-tracker", () => {
  test("exits 1 naming every bad variable", async () => {
    const result = await runCli(["serve"], { PORT: "eighty", DATABASE_POOL_SIZE: "0" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/DATABASE_POOL_SIZE/);
  });

  test("in production refuses to start without callback auth and API tokens", async () => {
    const result = await runCli(["serve"], {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CALLBACK_TOKEN or VOD_SIGN_KEY/);
    expect(result.stderr).toMatch(/API_TOKENS/);
  });

  test("prints its version from package.json", async () => {
    const { version } = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect([result.status, result.stdout.trim()]).toEqual([0, version]);
  });
});

describe("vod-tracker <command> --help", () => {
  // An empty database (no migrations) and a free port, given as a user's environment would: --help must leave
  // both as they were.
  const emptyMigrations = fs.mkdtempSync(path.join(os.tmpdir(), "vod-cli-no-migrations-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-cli-help-"));
  let scratch: TestDatabase;
  let port: number;
  beforeAll(async () => {
    scratch = await createTestDatabase({ migrations: emptyMigrations, poolSize: 1 });
    port = await freePort();
  });
  afterAll(async () => {
    await scratch.close();
    fs.rmSync(emptyMigrations, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test.each([
    ["serve", []],
    ["migrate", []],
    ["pull", []],
    ["reconcile", ["--older-than <duration>", "--lookback <duration>"]],
    ["rebuild-outputs", ["--batch <events>", "--since-id <id>"]],
    ["deliver", []],
    ["listen", ["--secret <whsec>", "--port <port>", "--host <host>"]],
    [
      "configure-events",
      [
        "--show",
        "--mode <mode>",
        "--url <url>",
        "--upload-events <switch>",
        "--delete-events <switch>",
        "--sign-key <key>",
      ],
    ],
    [
      "upload",
      [
        "<file>",
        "--procedure <name>",
        "--storage-region <region>",
        "--source-context <text>",
        "--session-context <text>",
        "--cover <file>",
        "--media-name <name>",
        "--concurrency <parts>",
        "--wait",
        "--wait-timeout <seconds>",
      ],
    ],
    ["prune", ["--older-than <duration>"]],
    ["emulator", ["--port <port>", "--cos-port <port>", "--procedure-delay-ms <ms>", "--legacy"]],
  ])(
    "%s --help prints its usage and options, and migrates, listens and calls nothing",
    async (command, options) => {
      const result = await runCli(
        [command, "--help"],
        {
          DATABASE_URL: scratch.url,
          HOST: "127.0.0.1",
          PORT: String(port),
          METRICS_PORT: String(port),
          DATA_DIR: dataDir,
        },
        20_000,
      );
      expect([result.status, result.stderr]).toEqual([0, ""]);
      expect(result.stdout).toContain(`Usage: vod-tracker ${command} `);
      for (const option of options) expect(result.stdout).toContain(option);
      expect(await tablesOf(scratch)).toEqual([]);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
    30_000,
  );

  test("help <command> is the same as <command> --help", async () => {
    const [viaHelp, viaFlag] = await Promise.all([runCli(["help", "prune"]), runCli(["prune", "--help"])]);
    expect([viaHelp.status, viaHelp.stdout]).toEqual([0, viaFlag.stdout]);
  });

  test("--help reads no configuration: a bad variable does not stop it", async () => {
    const result = await runCli(["serve", "--help"], { PORT: "eighty" });
    expect([result.status, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toContain("Usage: vod-tracker serve");
  });

  test("the list of commands names every command", async () => {
    const result = await runCli(["--help"]);
    expect(result.status).toBe(0);
    for (const command of [
      "serve",
      "migrate",
      "pull",
      "reconcile",
      "rebuild-outputs",
      "deliver",
      "listen",
      "configure-events",
      "upload",
      "prune",
      "emulator",
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });
});

describe("vod-tracker usage errors", () => {
  // PORT=eighty: a usage error is found before the configuration is read, so it is the one reported.
  const run = (args: string[]) => runCli(args, { PORT: "eighty" });
  const oneLine = (text: string) => text.trimEnd().split("\n");

  test("suggests the command meant by a typo and exits 2", async () => {
    const result = await run(["serv"]);
    expect(result.status).toBe(USAGE_ERROR);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/'serv'.*\bserve\b/)]);
  });

  test("suggests the option meant by a typo and exits 2", async () => {
    const result = await run(["upload", "video.mp4", "--procedur", "x"]);
    expect(result.status).toBe(USAGE_ERROR);
    expect(oneLine(result.stderr)).toEqual([expect.stringMatching(/'--procedur'.*--procedure\b/)]);
  });

  test("an unknown command exits 2 without a stack trace", async () => {
    const result = await run(["frobnicate"]);
    expect(result.status).toBe(USAGE_ERROR);
    expect(oneLine(result.stderr)).toEqual([expect.stringContaining("frobnicate")]);
  });

  test.each([
    ["a count out of range", ["upload", "video.mp4", "--concurrency", "0"], "--concurrency"],
    ["a count that is not a number", ["upload", "video.mp4", "--wait-timeout", "soon"], "--wait-timeout"],
    ["a malformed duration", ["reconcile", "--older-than", "15 minutes"], "--older-than"],
    ["a duration under the minimum", ["prune", "--older-than", "30m"], "--older-than"],
    ["a missing required option", ["prune"], "--older-than"],
    ["a value outside the choices", ["configure-events", "--mode", "sideways"], "--mode"],
    ["a port out of range", ["emulator", "--port", "70000"], "--port"],
    ["a missing argument", ["upload"], "file"],
  ])("refuses %s with one line naming it, exit 2", async (_case, args, named) => {
    const result = await run(args);
    expect(result.status).toBe(USAGE_ERROR);
    expect(oneLine(result.stderr)).toEqual([expect.stringContaining(named)]);
    expect(result.stderr).not.toMatch(stackFrame);
  });
});

async function tablesOf(db: TestDatabase): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
    UNION ALL SELECT ('migration ' || migration_name)::text FROM "_prisma_migrations"`;
  return rows.map((row) => row.name);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
