// The delivery worker against real endpoints on loopback and the test file's own database (issue 16 §3): signed as
// Standard Webhooks (verified here with the `standardwebhooks` package, as a receiver does), retried on a short
// schedule, 410 disables, Retry-After, no redirects, 2 KB of an answer, timeouts, recover, secret rotation and the
// address check at delivery. Messages are written with enqueueMessage; `data` is the shape of GET /v1/uploads/:ref.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { enqueueMessage } from "../../src/db/enqueue-message.js";
import {
  createNotifyEndpoint,
  deleteNotifyEndpoint,
  getNotifyEndpoint,
  rotateEndpointSecret,
  updateNotifyEndpoint,
} from "../../src/db/notify-endpoint-store.js";
import { listNotifyAttempts, listNotifyMessages, recoverMessages } from "../../src/db/notify-message-store.js";
import { NOT_RENDERED } from "../../src/notify/deliver-message.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { runDeliveryWorker, type DeliveryWorkerOptions } from "../../src/notify/run-delivery-worker.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { ok, startReceiver, waitFor } from "./support/receiver.js";

let db: TestDatabase;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => db.close());

async function setUp(
  options: { answer?: Parameters<typeof startReceiver>[0]; worker?: Partial<DeliveryWorkerOptions> } = {},
) {
  const receiver = await startReceiver(options.answer ?? ok);
  cleanups.push(() => receiver.close());
  const { endpoint, secret } = await createNotifyEndpoint(db, { url: receiver.url, secret: generateSecret() });
  cleanups.push(() => deleteNotifyEndpoint(db, endpoint.id));
  const worker = runDeliveryWorker({
    db,
    logger: silentLogger,
    schedule: [0, 50, 50],
    timeoutMs: 2000,
    allowPrivate: true,
    pollMs: 20,
    ...options.worker,
  });
  cleanups.push(async () => {
    worker.stop();
    await worker.done;
  });
  return { receiver, endpoint, secret, worker };
}

const uploadId = () => `upl_${randomBytes(8).toString("hex")}`;
const uploadData = (id: string, status: string) => ({ id, fileId: `${Date.now()}`, status, mediaUrl: null });

async function messagesOf(endpointId: string) {
  return (await listNotifyMessages(db, { endpointId }, { limit: 100 })).items;
}
async function attemptsOf(endpointId: string) {
  return (await listNotifyAttempts(db, { endpointId }, { limit: 100 })).items.reverse();
}

describe("delivery worker", () => {
  it("delivers a message the receiver verifies with the standardwebhooks package, body {type, timestamp, data}", async () => {
    const { receiver, endpoint, secret } = await setUp();
    const id = uploadId();
    const [messageId] = await enqueueMessage(db, {
      type: "upload.processed",
      uploadId: id,
      previousStatus: "PROCESSING",
      data: uploadData(id, "PROCESSED"),
    });
    const got = await waitFor(() => receiver.received[0]);
    const payload = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(got.headers["webhook-id"]).toBe(`msg_${messageId}`);
    expect(payload.type).toBe("upload.processed");
    expect(Number.isNaN(Date.parse(payload.timestamp))).toBe(false);
    expect(payload.data).toMatchObject({ id, status: "PROCESSED", previousStatus: "PROCESSING", sequence: 1 });
    const [message] = await waitFor(async () => {
      const rows = await messagesOf(endpoint.id);
      return rows[0]?.status === "delivered" ? rows : undefined;
    });
    expect(message?.attempts).toBe(1);
    expect(await attemptsOf(endpoint.id)).toMatchObject([{ outcome: "delivered", httpStatus: 204 }]);
  });

  it("numbers an upload's messages with a sequence that only grows", async () => {
    const { receiver } = await setUp();
    const id = uploadId();
    for (const status of ["UPLOADED", "PROCESSING", "PROCESSED"]) {
      await enqueueMessage(db, { type: `upload.${status.toLowerCase()}`, uploadId: id, data: uploadData(id, status) });
    }
    await waitFor(() => receiver.received.length === 3 || undefined);
    const sequences = receiver.received
      .map((r) => JSON.parse(r.body) as { type: string; data: { sequence: number } })
      .sort((a, b) => a.data.sequence - b.data.sequence);
    expect(sequences.map((m) => [m.type, m.data.sequence])).toEqual([
      ["upload.uploaded", 1],
      ["upload.processing", 2],
      ["upload.processed", 3],
    ]);
  });

  it("retries a 500 on the schedule with the same webhook-id and the same signed body", async () => {
    const { receiver, endpoint } = await setUp({
      answer: (_r, index, res) => res.writeHead(index < 2 ? 500 : 200).end(index < 2 ? "boom" : "ok"),
      worker: { schedule: [0, 100, 100, 100] },
    });
    const id = uploadId();
    await enqueueMessage(db, { type: "upload.failed", uploadId: id, data: uploadData(id, "FAILED") });
    await waitFor(async () => ((await messagesOf(endpoint.id))[0]?.status === "delivered" ? true : undefined));
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    // The schedule's 100 ms (±20% jitter) between attempts.
    expect((receiver.received[1]?.at ?? 0) - (receiver.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(70);
    expect((await attemptsOf(endpoint.id)).map((a) => [a.outcome, a.httpStatus, a.response])).toEqual([
      ["retry", 500, "boom"],
      ["retry", 500, "boom"],
      ["delivered", 200, "ok"],
    ]);
  });

  it("marks a message failed once the schedule is spent", async () => {
    const { receiver, endpoint } = await setUp({
      answer: (_r, _i, res) => res.writeHead(503).end(),
      worker: { schedule: [0, 30, 30] },
    });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    const [message] = await waitFor(async () => {
      const rows = await messagesOf(endpoint.id);
      return rows[0]?.status === "failed" ? rows : undefined;
    });
    expect(message?.attempts).toBe(3);
    expect(receiver.received).toHaveLength(3);
    expect((await attemptsOf(endpoint.id)).map((a) => a.outcome)).toEqual(["retry", "retry", "failed"]);
  });

  it("records an attempt for a message it cannot render, and fails it when the schedule is spent", async () => {
    const { receiver, endpoint } = await setUp({ worker: { schedule: [0, 30, 30] } });
    // Paused while the message loses its body (and has no snapshot to render one from), as a broken row would.
    await updateNotifyEndpoint(db, endpoint.id, { enabled: false });
    const [id] = await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    await db.pool.query(`UPDATE "NotifyMessage" SET body = NULL, snapshot = NULL WHERE id = $1`, [id]);
    await updateNotifyEndpoint(db, endpoint.id, { enabled: true });
    const [message] = await waitFor(async () => {
      const rows = await messagesOf(endpoint.id);
      return rows[0]?.status === "failed" ? rows : undefined;
    });
    expect(message?.attempts).toBe(3);
    expect(receiver.received).toHaveLength(0);
    expect((await attemptsOf(endpoint.id)).map((a) => [a.outcome, a.httpStatus, a.error])).toEqual([
      ["retry", null, NOT_RENDERED],
      ["retry", null, NOT_RENDERED],
      ["failed", null, NOT_RENDERED],
    ]);
  });

  it("disables an endpoint that answers 410 and sends it nothing more", async () => {
    const { receiver, endpoint } = await setUp({ answer: (_r, _i, res) => res.writeHead(410).end() });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    await waitFor(async () => ((await getNotifyEndpoint(db, endpoint.id)).enabled ? undefined : true));
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(1);
    expect((await getNotifyEndpoint(db, endpoint.id)).disabledReason).toMatch(/410/);
    expect((await messagesOf(endpoint.id)).map((m) => m.status)).toEqual(["pending", "failed"]);
  });

  it("waits as long as Retry-After says on a 429, not the schedule's 20 ms", async () => {
    const { receiver, endpoint } = await setUp({
      answer: (_r, index, res) =>
        index === 0 ? res.writeHead(429, { "retry-after": "1" }).end() : res.writeHead(200).end(),
      worker: { schedule: [0, 20, 20] },
    });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    await waitFor(async () => ((await messagesOf(endpoint.id))[0]?.status === "delivered" ? true : undefined));
    expect((receiver.received[1]?.at ?? 0) - (receiver.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("does not follow a redirect: the 302 is an attempt to retry and the other address sees nothing", async () => {
    const elsewhere = await startReceiver();
    cleanups.push(() => elsewhere.close());
    const { endpoint } = await setUp({
      answer: (_r, _i, res) => res.writeHead(302, { location: elsewhere.url }).end(),
      worker: { schedule: [0] },
    });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    await waitFor(async () => ((await messagesOf(endpoint.id))[0]?.status === "failed" ? true : undefined));
    expect(elsewhere.received).toHaveLength(0);
    expect(await attemptsOf(endpoint.id)).toMatchObject([{ outcome: "failed", httpStatus: 302 }]);
  });

  it("reads 2 KB of a 50 MB answer and stops the rest", async () => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const { endpoint } = await setUp({
      answer: (_r, _i, res) => {
        res.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
        const pump = () => {
          while (written < 50 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return res.once("drain", pump);
          }
          res.end();
        };
        pump();
      },
    });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    const [attempt] = await waitFor(async () => {
      const rows = await attemptsOf(endpoint.id);
      return rows.length ? rows : undefined;
    });
    expect(attempt).toMatchObject({ outcome: "delivered", httpStatus: 200 });
    expect(attempt?.response).toHaveLength(2048);
    // What the sender managed to push into socket buffers before we closed: far from 50 MB.
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it("gives up on an endpoint that hangs after the timeout and keeps delivering to others meanwhile", async () => {
    const hanging = await setUp({ answer: () => undefined, worker: { timeoutMs: 300, schedule: [0] } });
    const fine = await startReceiver();
    cleanups.push(() => fine.close());
    const other = await createNotifyEndpoint(db, { url: fine.url, secret: generateSecret() });
    cleanups.push(() => deleteNotifyEndpoint(db, other.endpoint.id));
    await enqueueMessage(db, { type: "endpoint.test", endpointId: hanging.endpoint.id, data: {} });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: other.endpoint.id, data: {} });
    await waitFor(() => fine.received[0]);
    const [attempt] = await waitFor(async () => {
      const rows = await attemptsOf(hanging.endpoint.id);
      return rows.length ? rows : undefined;
    });
    expect(attempt).toMatchObject({ outcome: "failed", httpStatus: null, error: "no answer within 300 ms" });
    expect(attempt?.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it("recovers: messages that failed since a time are delivered again, with their webhook-ids", async () => {
    const { receiver, endpoint } = await setUp({
      answer: (_r, index, res) => res.writeHead(index < 2 ? 500 : 200).end(),
      worker: { schedule: [0] },
    });
    const since = new Date(Date.now() - 1000);
    const ids = [
      ...(await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: { n: 1 } })),
      ...(await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: { n: 2 } })),
    ];
    await waitFor(async () => ((await messagesOf(endpoint.id)).every((m) => m.status === "failed") ? true : undefined));
    expect(await recoverMessages(db, endpoint.id, since)).toBe(2);
    await waitFor(async () =>
      (await messagesOf(endpoint.id)).every((m) => m.status === "delivered") ? true : undefined,
    );
    expect(
      receiver.received
        .slice(2)
        .map((r) => r.headers["webhook-id"])
        .sort(),
    ).toEqual(ids.map((id) => `msg_${id}`).sort());
  });

  it("signs with both secrets after a rotation, so a receiver with either verifies", async () => {
    const { receiver, endpoint, secret: oldSecret } = await setUp();
    const { secret: newSecret } = await rotateEndpointSecret(db, endpoint.id, generateSecret());
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    const got = await waitFor(() => receiver.received[0]);
    expect(String(got.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({
        type: "endpoint.test",
      });
    }
    expect(() => new Webhook(generateSecret()).verify(got.body, got.headers as Record<string, string>)).toThrow();
    expect((await getNotifyEndpoint(db, endpoint.id)).previousSecretUntil?.getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
  });

  it("refuses at delivery an endpoint whose host resolves to loopback (rebinding after save) and sends nothing", async () => {
    const { receiver, endpoint } = await setUp({ worker: { allowPrivate: false, schedule: [0] } });
    // Saved while private addresses were allowed; "localhost" is resolved at delivery, like any name.
    await db.prisma.notifyEndpoint.update({
      where: { id: endpoint.id },
      data: { url: `https://localhost:${receiver.port}/hook` },
    });
    await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
    const [attempt] = await waitFor(async () => {
      const rows = await attemptsOf(endpoint.id);
      return rows.length ? rows : undefined;
    });
    expect(attempt).toMatchObject({ outcome: "failed", httpStatus: null });
    expect(attempt?.error).toMatch(/loopback address 127\.0\.0\.1|loopback address ::1/);
    expect(receiver.received).toHaveLength(0);
  });
});
