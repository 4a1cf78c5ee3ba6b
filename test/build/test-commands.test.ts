// The three test commands (issue 11 item 7): `npm test` needs Node and npm only, so the browser tests (Chromium)
// and the reliability suite (slow) have their own commands; CI runs all three. Asked of jest itself, as the npm
// scripts run it.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const JEST = join(ROOT, "node_modules/jest/bin/jest.js");

function jest(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [JEST, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "--experimental-vm-modules", ...env },
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  return run;
}

/** The test files a config runs, relative to the repository, sorted. */
function listTests(config: string): string[] {
  const run = jest(["-c", config, "--listTests", "--json"]);
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as string[]).map((file) => relative(ROOT, file)).sort();
}

describe("the test commands", () => {
  test("npm test runs no browser test, and every test file belongs to exactly one of the three commands", () => {
    const npmTest = listTests("jest.config.js");
    const browser = listTests("jest.browser.config.js");
    const reliability = listTests("jest.reliability.config.js");

    expect(npmTest.filter((file) => file.startsWith("test/browser/"))).toEqual([]);
    expect(npmTest.filter((file) => file.startsWith("test/reliability/"))).toEqual([]);
    expect(browser).toContain("test/browser/admin-page.test.ts");
    expect(browser.every((file) => file.startsWith("test/browser/"))).toBe(true);
    expect(reliability.length).toBeGreaterThan(0);
    expect(reliability.every((file) => file.startsWith("test/reliability/"))).toBe(true);

    const everyTestFile = readdirSync(join(ROOT, "test"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => join("test", file))
      .sort();
    expect([...npmTest, ...browser, ...reliability].sort()).toEqual(everyTestFile);
  });

  test("a browser test that cannot find Chromium fails, naming CHROMIUM_PATH, instead of skipping", () => {
    const run = jest(["-c", "jest.browser.config.js", "--json", "test/browser/admin-page.test.ts"], {
      CHROMIUM_PATH: join(ROOT, "no-such-chromium"),
    });
    const result = JSON.parse(run.stdout);
    expect(run.status).not.toBe(0);
    expect(result.numTotalTests).toBeGreaterThan(0);
    expect(result.numFailedTests).toBe(result.numTotalTests);
    expect(result.numPendingTests + result.numTodoTests).toBe(0);
    const failures: string[] = result.testResults.flatMap(
      (file: { assertionResults: { failureMessages: string[] }[] }) =>
        file.assertionResults.flatMap((test) => test.failureMessages),
    );
    expect(failures.every((message) => message.includes("CHROMIUM_PATH"))).toBe(true);
  }, 150_000);
});
