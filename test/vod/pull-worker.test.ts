// Reliable callback (PULL) end to end: the emulator queues events, our workers pull them through the same ingest
// as the callback route and confirm only what they stored. Two workers never double-apply; a worker that dies
// mid-batch loses nothing (its batch comes back after the redelivery window); a database outage confirms nothing.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createPrisma } from "../../src/db/create-prisma.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { pullBatch, type PullClient } from "../../src/vod/pull-batch.js";
import { runPullWorker } from "../../src/vod/run-pull-worker.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";

const credentials = { secretId: "AKIDpullE2E00000000000000000000000", secretKey: "pullE2ESecretKey0000000000000000" };
let db: TestDatabase;
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  db = await createTestDatabase();
  emulator = await startEmulator({ port: 0, ...credentials, pullHoldMs: 50, redeliveryMs: 400, procedureDelayMs: 20 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(async () => {
  await emulator.close();
  await db.close();
});
beforeEach(async () => {
  emulator.reset();
  await client.ModifyEventConfig({
    Mode: "PULL",
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
  });
});

const backoff = { startMs: 20, maxMs: 100 };
const queued = () => emulator.state.queues.get(0)?.list().length ?? 0;

async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("vod-tracker pull", () => {
  test("two workers store every event exactly once and the uploads end PROCESSED", async () => {
    const uploads = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset", sourceContext: `pull-${i}` }),
      ),
    );
    const workers = [1, 2].map(() => runPullWorker({ db, client, logger: silentLogger, backoff }));
    const fileIds = uploads.map((u) => u.fileId);
    await eventually(
      async () => (await db.prisma.upload.count({ where: { fileId: { in: fileIds }, status: "PROCESSED" } })) === 12,
    );
    await eventually(() => queued() === 0);
    workers.forEach((worker) => worker.stop());
    await Promise.all(workers.map((worker) => worker.done));

    const events = await db.prisma.vodEvent.findMany({ where: { fileId: { in: fileIds } } });
    expect(events).toHaveLength(24); // one NewFileUpload and one ProcedureStateChanged each
    expect(events.every((event) => event.channel === "pull" && event.outcome === "applied")).toBe(true);
    const upload = await db.prisma.upload.findUniqueOrThrow({ where: { fileId: fileIds[3] } });
    expect(upload).toMatchObject({ sourceContext: "pull-3", procedureStatus: "FINISH" });
  });

  test("a batch pulled by a worker that died before confirming comes back and is stored once", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { sourceContext: "dies" });
    // The dying worker pulls the batch and is killed before it stores or confirms anything.
    const pulled = await client.PullEvents({});
    expect(pulled.EventSet?.length).toBeGreaterThan(0);
    const worker = runPullWorker({ db, client, logger: silentLogger, backoff });
    await eventually(async () => (await db.prisma.upload.findUnique({ where: { fileId } }))?.status === "UPLOADED");
    await eventually(() => queued() === 0);
    worker.stop();
    await worker.done;
    expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(1);
  });

  test("with the database down it confirms nothing and does not crash; the events are stored once it is back", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { sourceContext: "outage" });
    const down = createPrisma({ url: "postgresql://postgres@127.0.0.1:1/none", poolSize: 1, logger: silentLogger });
    const failed = await pullBatch({ db: down, client });
    await down.close();
    expect(failed).toMatchObject({
      pulled: 1,
      confirmed: 0,
      storeError: expect.objectContaining({ code: "database_unavailable" }),
    });

    const worker = runPullWorker({ db, client, logger: silentLogger, backoff });
    await eventually(async () => (await db.prisma.upload.findUnique({ where: { fileId } }))?.status === "UPLOADED");
    worker.stop();
    await worker.done;
  });

  test("keeps running through VOD errors, backing off", async () => {
    let calls = 0;
    const flaky: PullClient = {
      async PullEvents() {
        calls += 1;
        throw Object.assign(new Error("InternalError"), { code: "InternalError" });
      },
      ConfirmEvents: async () => ({}),
    };
    const worker = runPullWorker({ db, client: flaky, logger: silentLogger, backoff });
    await eventually(() => calls >= 3);
    worker.stop();
    await worker.done;
    expect(worker.stats.failures).toBeGreaterThanOrEqual(3);
  });

  test("stop() lets the batch in hand be stored and confirmed before the loop ends", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    const stopMidBatch: PullClient = {
      async PullEvents(request) {
        const response = await client.PullEvents(request);
        // SIGTERM arrives while the batch is in hand (after the await, so `worker` below is assigned by then).
        if (response.EventSet?.length) worker.stop();
        return response;
      },
      ConfirmEvents: (request) => client.ConfirmEvents(request),
    };
    const worker = runPullWorker({ db, client: stopMidBatch, logger: silentLogger, backoff });
    await worker.done;
    expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(1);
    expect(queued()).toBe(0);
  });
});
