// Delivery workers in processes of their own on one database (issue 16 §3 "at least once"): a worker SIGKILLed in
// the middle of a delivery leaves its message to the next worker once the lease runs out, sent with the same
// webhook-id; two workers share a backlog, every message is delivered, and duplicates are counted. On real
// PostgreSQL only (this suite): the embedded database runs every connection in one session, so FOR UPDATE SKIP LOCKED
// excludes nothing between them — and it allows one process per data directory, so one worker, anyway.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { enqueueMessage } from "../../src/db/enqueue-message.js";
import { createNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { listNotifyMessages } from "../../src/db/notify-message-store.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startReceiver, waitFor } from "../notify/support/receiver.js";

const WORKER = path.resolve("test/notify/support/worker-process.ts");
let db: TestDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await db.close();
});

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`worker exited ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

it("delivers after a restart, with the same webhook-id, the message whose worker was SIGKILLed mid-delivery", async () => {
  const first: { worker?: ChildProcess } = {};
  const receiver = await startReceiver((_r, index, res) => {
    // The first delivery: the worker dies while waiting for this answer.
    if (index === 0) first.worker?.kill("SIGKILL");
    else res.writeHead(200).end();
  });
  const { endpoint } = await createNotifyEndpoint(db, { url: receiver.url, secret: generateSecret() });
  const env = { SCHEDULE_MS: "0,50,50", TIMEOUT_MS: "1000", LEASE_MS: "1500" };
  const killed = await startWorker(env);
  first.worker = killed;
  const [id] = await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: {} });
  await exited(killed);
  expect(receiver.received).toHaveLength(1);
  const restarted = await startWorker(env);
  await waitFor(async () => {
    const [message] = (await listNotifyMessages(db, { endpointId: endpoint.id }, { limit: 1 })).items;
    return message?.status === "delivered" ? true : undefined;
  });
  expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([`msg_${id}`, `msg_${id}`]);
  // Not before the dead worker's lease ran out.
  expect((receiver.received[1]?.at ?? 0) - (receiver.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  restarted.kill("SIGTERM");
  await exited(restarted);
  await receiver.close();
}, 60_000);

it("delivers every message with two workers sharing the backlog, and counts duplicates", async () => {
  const receiver = await startReceiver((_r, _i, res) => setTimeout(() => res.writeHead(204).end(), 5));
  const { endpoint } = await createNotifyEndpoint(db, { url: receiver.url, secret: generateSecret() });
  const total = 400;
  const env = { SCHEDULE_MS: "0,50,50", TIMEOUT_MS: "2000", LEASE_MS: "10000" };
  const workers = [await startWorker(env), await startWorker(env)];
  const ids = new Set<string>();
  for (let n = 0; n < total; n++) {
    for (const id of await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: { n } })) {
      ids.add(`msg_${id}`);
    }
  }
  await waitFor(async () => {
    const pending = await listNotifyMessages(db, { endpointId: endpoint.id, status: "pending" }, { limit: 1 });
    return pending.items.length === 0 && receiver.received.length >= total ? true : undefined;
  }, 60_000);
  const seen = receiver.received.map((r) => String(r.headers["webhook-id"]));
  const duplicates = seen.length - new Set(seen).size;
  process.stdout.write(`two workers: ${total} messages, ${seen.length} deliveries, ${duplicates} duplicates\n`);
  expect(new Set(seen)).toEqual(ids);
  // Each claim is exclusive and no lease ran out: none is expected; at least once allows some, never a loss.
  expect(duplicates).toBe(0);
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map(exited));
  await receiver.close();
}, 90_000);
