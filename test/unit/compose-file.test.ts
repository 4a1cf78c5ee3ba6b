// compose.yaml is how the service is deployed next to PostgreSQL (issue 11, item 11). It must pass every setting
// a deployment may need — VOD_SUBAPP_ID is mandatory for VOD accounts opened since 2023-12-25 — require the tokens
// production has no default for, and never pass the emulator's endpoints. A new setting in src/config.ts fails
// here until compose passes it or it is listed below as not for deployments.
import { readFileSync } from "node:fs";
import { configSchema } from "../../src/config.js";

/** Settings compose leaves out on purpose, with the reason. */
const NOT_PASSED: Record<string, string> = {
  HOST: "the image listens on every interface (the default)",
  PORT: "set by the image, published as 3000",
  DATA_DIR: "set by the image",
  VOD_ENDPOINT: "the local emulator's API: never in production",
  COS_ENDPOINT: "the local emulator's COS endpoint: never in production",
  TRACKER_URL: "read by `upload --wait`, not by `serve`",
  METRICS_PORT: "read by `pull`, not by `serve` (which has /metrics on PORT)",
};

/** The tracker service's `environment:` map, as written (a block of `NAME: value` lines). */
function trackerEnvironment(): Map<string, string> {
  const lines = readFileSync(new URL("../../compose.yaml", import.meta.url), "utf8").split("\n");
  const service = lines.indexOf("  tracker:");
  const start = lines.indexOf("    environment:", service);
  if (service < 0 || start < 0) throw new Error("compose.yaml has no tracker service with an environment map");
  const environment = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const entry = /^ {6}([A-Z0-9_]+): (.*)$/.exec(line);
    if (!entry) break;
    environment.set(entry[1] as string, entry[2] as string);
  }
  return environment;
}

describe("compose.yaml", () => {
  const environment = trackerEnvironment();

  it("passes every setting of the service except the ones left out on purpose", () => {
    const settings = Object.keys(configSchema.shape);
    expect(settings.filter((name) => !environment.has(name) && !(name in NOT_PASSED))).toEqual([]);
    expect(environment.has("VOD_SUBAPP_ID")).toBe(true);
  });

  it("passes no setting the service does not read, and neither emulator endpoint", () => {
    const settings = new Set(Object.keys(configSchema.shape));
    expect([...environment.keys()].filter((name) => !settings.has(name) || name in NOT_PASSED)).toEqual([]);
  });

  it("refuses to start without the callback, app and admin tokens", () => {
    for (const name of ["CALLBACK_TOKEN", "API_TOKENS", "ADMIN_TOKENS"]) {
      expect(environment.get(name)).toMatch(new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`));
    }
  });

  it("runs in production mode whatever the shell or .env says", () => {
    expect(environment.get("NODE_ENV")).toBe("production");
  });

  it("leaves optional settings empty when unset, so the service's own defaults apply", () => {
    const optional = [...environment].filter(
      ([name]) => !["NODE_ENV", "DATABASE_URL", "CALLBACK_TOKEN", "API_TOKENS", "ADMIN_TOKENS"].includes(name),
    );
    expect(optional.filter(([name, value]) => value !== `\${${name}:-}`)).toEqual([]);
  });
});
