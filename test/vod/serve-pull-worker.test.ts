// PULL_WORKER=true: `serve` pulls VOD's reliable callbacks itself — PULL mode with a single process, as on the
// embedded database — and stops the worker with the server.
import { loadConfig } from "../../src/config.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { serve } from "../../src/http/serve.js";
import { createVodClient } from "../../src/vod/client.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "../support/test-database.js";

const credentials = { secretId: "AKIDservePull000000000000000000000", secretKey: "servePullSecretKey00000000000000" };
let db: TestDatabase;
let emulator: EmulatorHandle;
beforeAll(async () => {
  db = await createTestDatabase();
  emulator = await startEmulator({ port: 0, ...credentials, pullHoldMs: 50, procedureDelayMs: 20 });
});
afterAll(async () => {
  await emulator.close();
  await db.close();
});

test("stores pulled events in the same process and confirms them", async () => {
  const vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  await vod.ModifyEventConfig({ Mode: "PULL", UploadMediaCompleteEventSwitch: "ON" });
  const server = await serve(
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      MIGRATE_ON_START: "false",
      CALLBACK_TOKEN: "t",
      API_TOKENS: "a",
      ADMIN_TOKENS: "b",
      PULL_WORKER: "true",
      RECONCILE_INTERVAL: "0s",
      VOD_ENDPOINT: emulator.url,
      TENCENTCLOUD_SECRET_ID: credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
    }),
    silentLogger,
  );
  try {
    const { fileId } = await uploadToEmulator(vod, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sourceContext: "pulled-here",
    });
    const deadline = Date.now() + 10_000;
    let status: string | undefined;
    while (Date.now() < deadline && status !== "PROCESSED") {
      const response = await fetch(`${server.url}/v1/uploads/${fileId}`, { headers: { authorization: "Bearer a" } });
      status = response.ok ? ((await response.json()) as { status: string }).status : undefined;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe("PROCESSED");
    const channels = await db.prisma.vodEvent.findMany({ where: { fileId }, select: { channel: true } });
    expect(channels.map((event) => event.channel)).toEqual(["pull", "pull"]);
    expect(emulator.state.queues.get(0)?.list().length ?? 0).toBe(0);
  } finally {
    await server.close();
  }
});
