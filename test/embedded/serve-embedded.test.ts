// The default mode a newcomer gets: no DATABASE_URL → the embedded database under DATA_DIR, same migrations,
// same code path, a lock on the data directory, development tokens generated and kept.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { loadConfig } from "../../src/config.js";
import { serve, type Server } from "../../src/http/serve.js";
import { silentLogger } from "../support/test-database.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-tracker-embedded-"));
const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_POOL_SIZE: "3" });
let server: Server;

beforeAll(async () => {
  server = await serve(config, silentLogger);
}, 60_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const tokens = () => JSON.parse(fs.readFileSync(path.join(dataDir, "dev-tokens.json"), "utf8"));

test("runs on the embedded database and keeps generated development tokens in DATA_DIR", async () => {
  expect(server.database.mode).toBe("embedded");
  expect(tokens()).toEqual({
    callbackToken: expect.any(String),
    apiToken: expect.any(String),
    adminToken: expect.any(String),
  });
  expect((fs.statSync(path.join(dataDir, "dev-tokens.json")).mode & 0o777).toString(8)).toBe("600");
});

test("stores a callback and answers its status through the API", async () => {
  const body = v3NewFileUpload();
  const fileId = body.FileUploadEvent.FileId;
  const callback = await request(server.url).post(`/callbacks/vod?token=${tokens().callbackToken}`).send(body);
  expect(callback.body).toEqual({ outcome: "applied", fileId, status: "UPLOADED" });
  const status = await request(server.url)
    .get(`/v1/uploads/${fileId}`)
    .set("Authorization", `Bearer ${tokens().apiToken}`);
  expect(status.body).toMatchObject({ fileId, status: "UPLOADED", sourceContext: "order-1001" });
});

test("refuses a second service on the same data directory", async () => {
  await expect(serve(config, silentLogger)).rejects.toMatchObject({
    code: "conflict",
    message: expect.stringMatching(/in use by process/),
  });
});

test("keeps the data across a restart", async () => {
  const body = v3NewFileUpload();
  await request(server.url).post(`/callbacks/vod?token=${tokens().callbackToken}`).send(body).expect(200);
  await server.close();
  server = await serve(config, silentLogger);
  const status = await request(server.url)
    .get(`/v1/uploads/${body.FileUploadEvent.FileId}`)
    .set("Authorization", `Bearer ${tokens().apiToken}`);
  expect(status.body.status).toBe("UPLOADED");
}, 60_000);
