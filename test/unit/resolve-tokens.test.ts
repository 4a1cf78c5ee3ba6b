import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { resolveTokens } from "../../src/dev-tokens.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vod-tokens-"));

describe("resolveTokens", () => {
  test("in production refuses to start without callback auth and API tokens, naming both", () => {
    const config = loadConfig({ NODE_ENV: "production", DATA_DIR: tmp() });
    expect(() => resolveTokens(config)).toThrow(/CALLBACK_TOKEN or VOD_SIGN_KEY[\s\S]*API_TOKENS/);
  });

  test("in production accepts a sign key instead of a callback token", () => {
    const config = loadConfig({ NODE_ENV: "production", VOD_SIGN_KEY: "k1", API_TOKENS: "a" });
    expect(resolveTokens(config)).toMatchObject({
      callbackTokens: [],
      signKeys: ["k1"],
      apiTokens: ["a"],
      announcement: null,
    });
  });

  test("in development generates missing tokens once, keeps them, and prints them only the first time", () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir, PORT: "3456" });
    const first = resolveTokens(config);
    expect(first.announcement).toContain(`http://<this host>:3456/callbacks/vod?token=${first.callbackTokens[0]}`);
    expect(first.announcement).toContain(first.apiTokens[0]);
    const second = resolveTokens(config);
    expect(second.callbackTokens).toEqual(first.callbackTokens);
    expect(second.apiTokens).toEqual(first.apiTokens);
    expect(second.announcement).not.toContain(first.apiTokens[0]);
  });

  test("in development keeps configured tokens and generates only the missing ones", () => {
    const config = loadConfig({ DATA_DIR: tmp(), CALLBACK_TOKEN: "mine", API_TOKENS: "app" });
    expect(resolveTokens(config)).toMatchObject({
      callbackTokens: ["mine"],
      apiTokens: ["app"],
      adminTokens: [expect.stringMatching(/^adm_/)],
    });
  });
});
