import { ConfigError, loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  test("gives defaults for an empty environment", () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: "./data",
      MIGRATE_ON_START: true,
      CALLBACK_TOKEN: [],
    });
  });

  test("splits comma-separated token lists and trims them", () => {
    expect(loadConfig({ API_TOKENS: " a, b ,,c" }).API_TOKENS).toEqual(["a", "b", "c"]);
  });

  test("treats empty strings as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", PORT: "" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
  });

  test("names every bad variable in one error", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", MIGRATE_ON_START: "maybe" });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/MIGRATE_ON_START/);
    }
  });

  test("reads RECONCILE_AFTER and RECONCILE_INTERVAL as durations, 15 and 5 minutes by default", () => {
    expect(loadConfig({})).toMatchObject({ RECONCILE_AFTER: 900_000, RECONCILE_INTERVAL: 300_000 });
    expect(loadConfig({ RECONCILE_AFTER: "2h", RECONCILE_INTERVAL: "0s" })).toMatchObject({
      RECONCILE_AFTER: 7_200_000,
      RECONCILE_INTERVAL: 0,
    });
    expect(() => loadConfig({ RECONCILE_AFTER: "15", RECONCILE_INTERVAL: "30d" })).toThrow(
      /RECONCILE_AFTER[\s\S]*RECONCILE_INTERVAL/,
    );
  });

  test("reads the database timeouts as durations, 4 s per statement and 10 s idle in a transaction by default, 0s for none", () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT: 4000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: 10_000,
    });
    expect(
      loadConfig({ DATABASE_STATEMENT_TIMEOUT: "500ms", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: "0s" }),
    ).toMatchObject({
      DATABASE_STATEMENT_TIMEOUT: 500,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: 0,
    });
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT: "4", DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: "30d" })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT[\s\S]*DATABASE_IDLE_IN_TRANSACTION_TIMEOUT/,
    );
  });

  test("returns a frozen object", () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
