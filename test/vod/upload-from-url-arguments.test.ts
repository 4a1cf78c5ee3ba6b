// `vod-tracker upload --from-url`: the values VOD would refuse are usage errors before any call (the shared limits of
// src/vod/pull-upload-limits.ts: http(s), ≤ 2048 characters, no control characters; SourceContext ≤ 250 and
// SessionContext ≤ 1,000 characters, SDK PullUploadRequest). TRACKER_URL points at a port nothing listens on: a
// check that let the command through would fail with "unreachable" (an AppError), not a UsageError.
import { loadConfig } from "../../src/config.js";
import { UsageError } from "../../src/commands/usage-error.js";
import { uploadCommand, type UploadOptions } from "../../src/commands/upload-command.js";
import { silentLogger } from "../support/test-database.js";
import { closedLoopbackPort } from "./loopback-media-server.js";

let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  config = loadConfig({ TRACKER_URL: `http://127.0.0.1:${await closedLoopbackPort()}`, API_TOKENS: "app-token-1" });
});

const base: UploadOptions = { concurrency: 4, waitTimeout: 10 };

async function usageErrorOf(options: Partial<UploadOptions>): Promise<string> {
  const error = await uploadCommand(config, silentLogger, { ...base, ...options }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe("upload --from-url arguments", () => {
  test.each([
    ["neither a file nor --from-url", {}, "upload needs a <file>, or --from-url <url>"],
    [
      "a file and --from-url",
      { file: "a.mp4", fromUrl: "https://e.com/a.mp4" },
      "give a <file> or --from-url, not both",
    ],
    [
      "--cover with --from-url",
      { fromUrl: "https://e.com/a.mp4", cover: "c.jpg" },
      "--cover takes a local file: it cannot go with --from-url",
    ],
    ["a URL that is not http(s)", { fromUrl: "ftp://e.com/a.mp4" }, "--from-url must be an http:// or https:// URL"],
    [
      "a URL with a control character",
      { fromUrl: "https://e.com/a\u0007.mp4" },
      "--from-url must not contain control characters or spaces (percent-encode them)",
    ],
    [
      "a URL longer than 2048 characters",
      { fromUrl: `https://e.com/${"a".repeat(2048)}` },
      "--from-url must be at most 2048 characters",
    ],
    [
      "a source context over 250 characters",
      { fromUrl: "https://e.com/a.mp4", sourceContext: "s".repeat(251) },
      "--source-context must be at most 250 characters",
    ],
    [
      "a session context over 1000 characters",
      { fromUrl: "https://e.com/a.mp4", sessionContext: "s".repeat(1001) },
      "--session-context must be at most 1000 characters",
    ],
  ])("refuses %s before any call", async (_case, options, message) => {
    expect(await usageErrorOf(options)).toBe(message);
  });

  test("with valid values it calls the service, whose absence is then the error", async () => {
    const error = await uploadCommand(config, silentLogger, {
      ...base,
      fromUrl: "https://e.com/a.mp4",
      sourceContext: "s".repeat(250),
    }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/unreachable.*TRACKER_URL/),
    });
  });
});
