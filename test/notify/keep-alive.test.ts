// Delivery over kept-alive connections (issue 16 §3): messages to an endpoint reuse one connection; an endpoint that
// closes its connections — after each answer, or silently while one sits idle in the pool — still gets every message
// once per attempt; an answer cut at 2 KB is not left on a connection for the next message; and the address check
// runs for every new connection (a name is resolved when the connection is made: DNS rebinding cannot reuse an
// earlier check). Real receivers on loopback; `localhost` (the only name tests may use) resolved by the test's own
// resolver, which counts the lookups.
import { enqueueMessage } from "../../src/db/enqueue-message.js";
import { createNotifyEndpoint, deleteNotifyEndpoint } from "../../src/db/notify-endpoint-store.js";
import { listNotifyAttempts } from "../../src/db/notify-message-store.js";
import { runDeliveryWorker, type DeliveryWorkerOptions } from "../../src/notify/run-delivery-worker.js";
import { generateSecret } from "../../src/notify/sign-notification.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";
import { ok, startReceiver, waitFor, type Answer } from "./support/receiver.js";

let db: TestDatabase;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => db.close());

async function setUp(answer: Answer, worker: Partial<DeliveryWorkerOptions> = {}, url?: (port: number) => string) {
  const receiver = await startReceiver(answer);
  cleanups.push(() => receiver.close());
  const { endpoint } = await createNotifyEndpoint(db, {
    url: url ? url(receiver.port) : receiver.url,
    secret: generateSecret(),
  });
  cleanups.push(() => deleteNotifyEndpoint(db, endpoint.id));
  const running = runDeliveryWorker({
    db,
    logger: silentLogger,
    schedule: [0, 50, 50],
    timeoutMs: 2000,
    allowPrivate: true,
    pollMs: 20,
    ...worker,
  });
  cleanups.push(async () => {
    running.stop();
    await running.done;
  });
  /** Sends `count` messages one after the other, each once the previous one's attempt is recorded. */
  const sendInTurn = async (count: number) => {
    for (let n = 1; n <= count; n++) {
      await enqueueMessage(db, { type: "endpoint.test", endpointId: endpoint.id, data: { n } });
      await waitFor(async () => ((await attemptsOf(endpoint.id)).length === n ? true : undefined));
    }
  };
  return { receiver, endpoint, sendInTurn };
}

const attemptsOf = async (endpointId: string) =>
  (await listNotifyAttempts(db, { endpointId }, { limit: 100 })).items.reverse();
const connectionsOf = (received: Array<{ remotePort: number | undefined }>) =>
  new Set(received.map((r) => r.remotePort)).size;

describe("keep-alive delivery", () => {
  it("sends an endpoint's messages over one kept-alive connection", async () => {
    const { receiver, endpoint, sendInTurn } = await setUp(ok);
    await sendInTurn(5);
    expect(receiver.received).toHaveLength(5);
    expect(connectionsOf(receiver.received)).toBe(1);
    expect((await attemptsOf(endpoint.id)).map((a) => a.outcome)).toEqual(Array(5).fill("delivered"));
  });

  it("delivers every message to an endpoint that closes the connection after each answer", async () => {
    const { receiver, endpoint, sendInTurn } = await setUp((_r, _i, res) =>
      res.writeHead(204, { connection: "close" }).end(),
    );
    await sendInTurn(3);
    expect(connectionsOf(receiver.received)).toBe(3);
    expect((await attemptsOf(endpoint.id)).map((a) => a.outcome)).toEqual(Array(3).fill("delivered"));
  });

  it("sends again on a new connection, within the same attempt, when a pooled one turns out closed", async () => {
    // Answers the first request of each connection; drops any later one unanswered, as a server that closed the
    // idle connection just as the request was written (the request is lost, so the receiver counts it apart).
    const firstOfConnection = new Set<number | undefined>();
    let dropped = 0;
    const { receiver, endpoint, sendInTurn } = await setUp((received, _i, res) => {
      if (firstOfConnection.has(received.remotePort)) {
        dropped += 1;
        res.socket?.destroy();
      } else {
        firstOfConnection.add(received.remotePort);
        res.writeHead(204).end();
      }
    });
    await sendInTurn(3);
    expect(dropped).toBe(2);
    expect(connectionsOf(receiver.received)).toBe(3);
    const attempts = await attemptsOf(endpoint.id);
    expect(attempts.map((a) => [a.outcome, a.httpStatus])).toEqual(Array(3).fill(["delivered", 204]));
  });

  it("does not reuse a connection whose answer was cut at 2 KB", async () => {
    const { receiver, sendInTurn } = await setUp((_r, _i, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(64 * 1024));
    });
    await sendInTurn(2);
    expect(connectionsOf(receiver.received)).toBe(2);
  });

  it("resolves the endpoint's name for each new connection, not once per endpoint", async () => {
    const lookups: string[] = [];
    const lookup = async (host: string) => {
      lookups.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const { receiver, sendInTurn } = await setUp(
      (_r, index, res) => res.writeHead(204, index === 1 ? { connection: "close" } : {}).end(),
      { lookup },
      (port) => `http://localhost:${port}/hook`,
    );
    // 1st and 2nd on one connection (the 2nd answer closes it), the 3rd and 4th on a second one.
    await sendInTurn(4);
    expect(receiver.received).toHaveLength(4);
    expect(lookups).toEqual(["localhost", "localhost"]);
  });

  it("refuses a connection to a name that resolves to loopback when the connection is made, sending nothing", async () => {
    const { receiver, endpoint, sendInTurn } = await setUp(
      ok,
      { allowPrivate: false, schedule: [0], lookup: async () => [{ address: "127.0.0.1", family: 4 }] },
      (port) => `https://localhost:${port}/hook`,
    );
    await sendInTurn(1);
    const [attempt] = await attemptsOf(endpoint.id);
    expect(attempt).toMatchObject({ outcome: "failed", httpStatus: null });
    expect(attempt?.error).toBe("refused: localhost resolves to a loopback address 127.0.0.1");
    expect(receiver.received).toHaveLength(0);
  });
});
