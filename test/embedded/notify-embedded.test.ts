// Notifications on the embedded database (PGlite), the default mode (issue 16): `serve` with NOTIFY_URL and
// NOTIFY_SECRET (one endpoint, every type) pointed at a receiver on loopback. Callbacks go in over HTTP; the
// hot-path statement writes the messages, the in-process wake-up starts the delivery worker (the embedded database
// has no LISTEN between processes), and the receiver verifies each with the `standardwebhooks` package, as an app
// backend does. What was written and tried is read back through the admin API.
// Bodies: Tencent's NewFileUpload and ProcedureStateChanged FINISH (test/support/vod-payloads.ts, from
// test/fixtures/v3; SOURCES.md), re-aimed at fresh FileIds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { Webhook } from "standardwebhooks";
import { loadConfig } from "../../src/config.js";
import { serve, type Server } from "../../src/http/serve.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { ok, startReceiver, waitFor, type Received } from "../notify/support/receiver.js";
import { silentLogger } from "../support/test-database.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";

type Json = Record<string, any>;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vod-tracker-notify-embedded-"));
const secret = generateSecret();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let server: Server;

beforeAll(async () => {
  receiver = await startReceiver();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_POOL_SIZE: "3",
    NOTIFY_URL: receiver.url,
    NOTIFY_SECRET: secret,
    // Short, so a retry is seen within the test; the second delay long enough to tell apart from the first try.
    NOTIFY_RETRY_SCHEDULE: "0ms,300ms,300ms",
  });
  server = await serve(config, silentLogger);
}, 60_000);
afterEach(() => receiver.setAnswer(ok));
afterAll(async () => {
  await server?.close();
  await receiver?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const tokens = () => JSON.parse(fs.readFileSync(path.join(dataDir, "dev-tokens.json"), "utf8"));
const callback = (body: Json) =>
  request(server.url).post(`/callbacks/vod?token=${tokens().callbackToken}`).send(body).expect(200);
const admin = (url: string) =>
  request(server.url).get(url).set("Authorization", `Bearer ${tokens().adminToken}`).expect(200);

async function uploadIdOf(fileId: string): Promise<string> {
  const answer = await request(server.url)
    .get(`/v1/uploads/${fileId}`)
    .set("Authorization", `Bearer ${tokens().apiToken}`)
    .expect(200);
  return answer.body.id;
}

/** Messages of the upload, oldest first. */
async function messagesOf(uploadId: string): Promise<Json[]> {
  return (await admin(`/admin/notifications?uploadId=${uploadId}`)).body.items.reverse();
}

function verify(received: Received): Json {
  return new Webhook(secret).verify(received.body, {
    "webhook-id": received.headers["webhook-id"] as string,
    "webhook-timestamp": received.headers["webhook-timestamp"] as string,
    "webhook-signature": received.headers["webhook-signature"] as string,
  }) as Json;
}

const receivedFor = (fileId: string) =>
  receiver.received.filter((r) => (JSON.parse(r.body) as Json).data?.fileId === fileId);

test("an upload and its finished task flow reach the receiver as upload.uploaded, upload.playable and upload.processed, signed, their sequence growing", async () => {
  const fileId = newFileId();
  await callback(v3NewFileUpload(fileId));
  await callback(v3Procedure(fileId));
  const got = await waitFor(() => (receivedFor(fileId).length >= 3 ? receivedFor(fileId) : undefined));
  const bodies = got.map(verify);
  expect(bodies).toHaveLength(3);
  // Delivered concurrently, so in any order: the sequence says which change came first.
  expect(Object.fromEntries(bodies.map((b) => [b.type, b.data.sequence]))).toEqual({
    "upload.uploaded": 1,
    "upload.playable": 1,
    "upload.processed": 2,
  });
  expect(bodies.find((b) => b.type === "upload.processed")?.data).toMatchObject({
    fileId,
    status: "PROCESSED",
    previousStatus: "UPLOADED",
  });
  const messages = await waitFor(async () => {
    const rows = await messagesOf(await uploadIdOf(fileId));
    return rows.every((m) => m.status === "delivered") ? rows : undefined;
  });
  expect(messages.map((m) => m.webhookId).sort()).toEqual(got.map((r) => r.headers["webhook-id"]).sort());
}, 30_000);

test("a duplicate callback writes no message", async () => {
  const fileId = newFileId();
  await callback(v3NewFileUpload(fileId));
  const uploadId = await uploadIdOf(fileId);
  const before = await messagesOf(uploadId);
  expect(before.map((m) => m.eventType)).toEqual(["upload.uploaded", "upload.playable"]);
  const again = await callback(v3NewFileUpload(fileId));
  expect(again.body).toMatchObject({ outcome: "duplicate" });
  expect((await messagesOf(uploadId)).map((m) => m.id)).toEqual(before.map((m) => m.id));
});

test("a message answered 500 is tried again on NOTIFY_RETRY_SCHEDULE with the same webhook-id and body, then delivered", async () => {
  const fileId = newFileId();
  const isUploaded = (received: Received) => {
    const body = JSON.parse(received.body) as Json;
    return body.type === "upload.uploaded" && body.data?.fileId === fileId;
  };
  let failedOnce = false;
  receiver.setAnswer((received, _index, res) => {
    if (isUploaded(received) && !failedOnce) {
      failedOnce = true;
      res.writeHead(500).end("boom");
    } else res.writeHead(204).end();
  });
  await callback(v3NewFileUpload(fileId));
  const uploadId = await uploadIdOf(fileId);
  const message = await waitFor(async () => {
    const found = (await messagesOf(uploadId)).find((m) => m.eventType === "upload.uploaded");
    return found?.status === "delivered" ? found : undefined;
  });
  expect(message.attempts).toBe(2);
  const tries = receiver.received.filter(isUploaded);
  expect(tries).toHaveLength(2);
  expect(new Set(tries.map((r) => r.headers["webhook-id"]))).toEqual(new Set([message.webhookId]));
  expect(tries[0]!.body).toBe(tries[1]!.body);
  // The schedule's 300 ms, ±20 % jitter.
  expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(200);
  const attempts = (await admin(`/admin/notifications/${message.id}/attempts`)).body.items.reverse();
  expect(attempts).toMatchObject([
    { outcome: "retry", httpStatus: 500, response: "boom" },
    { outcome: "delivered", httpStatus: 204 },
  ]);
}, 30_000);
