// The long poll (GET /v1/uploads/:ref?waitFor=, issue 16 §5) in the default mode a newcomer gets: serve() on the
// embedded database, where a wait is woken by this process's own commits (no LISTEN, no UploadWait rows). The core
// cases: at once when met, woken by a callback, timeout, unreachable, 400, 404, a client that goes away, and a
// shutdown that answers the waiting clients instead of cutting them. Bodies: Tencent's NewFileUpload and
// ProcedureStateChanged (test/fixtures, sources in SOURCES.md).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { serve, type Server } from "../../src/http/serve.js";
import { silentLogger } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-tracker-wait-"));
const config = loadConfig({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  DATABASE_POOL_SIZE: "3",
  CALLBACK_TOKEN: "cb-wait-embedded",
  API_TOKENS: "api-wait-embedded",
  ADMIN_TOKENS: "adm-wait-embedded",
});
let server: Server;

beforeAll(async () => {
  server = await serve(config, silentLogger);
}, 60_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function callback(body: unknown) {
  const response = await fetch(`${server.url}/callbacks/vod?token=cb-wait-embedded`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function get(ref: string, query = "") {
  const started = Date.now();
  const response = await fetch(`${server.url}/v1/uploads/${ref}${query}`, {
    headers: { authorization: "Bearer api-wait-embedded" },
  });
  const text = await response.text();
  return {
    status: response.status,
    result: response.headers.get("wait-result"),
    text,
    at: Date.now(),
    ms: Date.now() - started,
  };
}

const waiters = async () => {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^vod_tracker_upload_waiters (\d+)$/m.exec(metrics)?.[1]);
};
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
async function uploaded() {
  const fileId = newFileId();
  await callback(v3NewFileUpload(fileId));
  return fileId;
}

test("runs on the embedded database", () => {
  expect(server.database.mode).toBe("embedded");
});

test("answers at once when the condition holds, with the plain GET's bytes", async () => {
  const fileId = await uploaded();
  const waited = await get(fileId, "?waitFor=uploaded");
  expect([waited.status, waited.result]).toEqual([200, "met"]);
  expect(waited.text).toBe((await get(fileId)).text);
});

test("answers within a second of the callback that makes it hold", async () => {
  const fileId = await uploaded();
  const waiting = get(fileId, "?waitFor=final&timeout=20");
  await until(async () => (await waiters()) === 1);
  const calledBack = Date.now();
  await callback(v3Procedure(fileId));
  const waited = await waiting;
  expect(waited.result).toBe("met");
  expect(waited.at - calledBack).toBeLessThan(1000);
  expect(JSON.parse(waited.text)).toMatchObject({ status: "PROCESSED" });
});

test("answers unreachable on FAILED, timeout with the current state, 400 on a bad value, 404 for an unknown upload", async () => {
  const failed = await uploaded();
  const waiting = get(failed, "?waitFor=processed&timeout=20");
  await until(async () => (await waiters()) === 1);
  await callback(v3Procedure(failed, "failed"));
  expect((await waiting).result).toBe("unreachable");

  const fileId = await uploaded();
  const timedOut = await get(fileId, "?waitFor=processed&timeout=1");
  expect([timedOut.result, JSON.parse(timedOut.text).status]).toEqual(["timeout", "UPLOADED"]);
  expect(timedOut.ms).toBeGreaterThanOrEqual(990);

  expect((await get(fileId, "?waitFor=later")).status).toBe(400);
  expect((await get(fileId, "?waitFor=final&timeout=600")).status).toBe(400);
  expect((await get(newFileId(), "?waitFor=final")).status).toBe(404);
});

test("drops the waiter as soon as the client goes away", async () => {
  const fileId = await uploaded();
  const request = http.get(`${server.url}/v1/uploads/${fileId}?waitFor=processed&timeout=30`, {
    headers: { authorization: "Bearer api-wait-embedded" },
  });
  request.on("error", () => undefined);
  await until(async () => (await waiters()) === 1);
  request.destroy();
  await until(async () => (await waiters()) === 0);
});

test("a shutdown answers the waiting clients with their state instead of cutting them", async () => {
  const fileId = await uploaded();
  const waiting = get(fileId, "?waitFor=processed&timeout=30");
  await until(async () => (await waiters()) === 1);
  await server.close();
  const waited = await waiting;
  expect([waited.status, waited.result]).toEqual([200, "timeout"]);
  expect(JSON.parse(waited.text)).toMatchObject({ fileId, status: "UPLOADED" });
  server = await serve(config, silentLogger);
}, 60_000);
