// A DATABASE_URL naming a database that does not exist on a running server (a typo, a database not yet
// created): serve and migrate exit non-zero with one sentence naming DATABASE_URL, not a stack trace. Needs a real
// PostgreSQL server (the embedded database answers to any name), hence this suite; the port-in-use and
// unreachable-server cases run everywhere (test/unit/cli-startup-failures.test.ts).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../support/run-cli.js";
import { withDatabase } from "../support/test-database.js";
import { serverUrl } from "./support/scratch-database.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-startup-missing-db-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test.each(["serve", "migrate"])(
  "%s with a database that does not exist says so in one sentence naming DATABASE_URL",
  async (command) => {
    const missing = `vod_missing_${randomBytes(4).toString("hex")}`;
    const result = await runCli([command], {
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: withDatabase(serverUrl, missing),
      LOG_LEVEL: "warn",
      DATA_DIR: dataDir,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([expect.stringContaining("DATABASE_URL")]);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toMatch(/^\s+at /m);
  },
  60_000,
);
