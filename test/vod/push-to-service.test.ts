// PUSH mode end to end: the emulator (the real VOD wire shapes, Sign/T) delivers to our callback route over HTTP,
// and the upload goes UPLOADED → PROCESSED in our database. A redelivered event is stored once.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { listenApp } from "../support/listen-app.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const credentials = { secretId: "AKIDpushE2E00000000000000000000000", secretKey: "pushE2ESecretKey0000000000000000" };
const signKey = "pushE2Ekey42";
let t: TestApp;
let service: { url: string; close(): Promise<void> };
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  t = await startTestApp({ signKey });
  service = await listenApp(t.app);
  emulator = await startEmulator({ port: 0, ...credentials, procedureDelayMs: 50, pushRetryDelaysMs: [50, 100] });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(async () => {
  await emulator.close();
  await service.close();
  await t.close();
});
beforeEach(async () => {
  emulator.reset();
  await client.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: `${service.url}${t.callbackPath}`,
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
    SignKey: signKey,
  });
});

async function statusOf(fileId: string, wanted: string, db = t.db) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const upload = await db.prisma.upload.findUnique({ where: { fileId } });
    if (upload?.status === wanted) return upload;
    if (Date.now() > deadline) throw new Error(`upload ${fileId} is ${upload?.status ?? "absent"}, not ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function storedEvents(fileId: string, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stored = await t.db.prisma.vodEvent.count({ where: { fileId } });
    if (stored >= count) return;
    if (Date.now() > deadline) throw new Error(`${stored} events stored for ${fileId}, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("PUSH from the VOD emulator to POST /callbacks/vod", () => {
  test("a server upload with a Procedure ends PROCESSED with its SourceContext and task-flow id", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sourceContext: "order-push-1",
    });
    // Both pushes must have landed: the ProcedureStateChanged alone already makes the row PROCESSED, without the
    // SourceContext that only the NewFileUpload carries.
    await storedEvents(fileId, 2);
    const upload = await statusOf(fileId, "PROCESSED");
    expect(upload).toMatchObject({
      sourceContext: "order-push-1",
      procedureTaskId: expect.stringContaining("Procedure"),
      procedureStatus: "FINISH",
    });
    // Pushed 50 ms apart but each on its own: like VOD, the emulator does not promise the order they arrive in.
    const events = await t.db.prisma.vodEvent.findMany({ where: { fileId }, orderBy: { eventType: "asc" } });
    expect(events.map((e) => [e.eventType, e.outcome])).toEqual([
      ["NewFileUpload", "applied"],
      ["ProcedureStateChanged", "applied"],
    ]);
    expect(events[1]?.procedureTaskId).toBe(upload.procedureTaskId);
  });

  test("a failed task flow ends FAILED", async () => {
    emulator.configure({ procedureOutcome: "failure" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    await statusOf(fileId, "FAILED");
  });

  test("a redelivered NewFileUpload is stored once and answered duplicate", async () => {
    emulator.configure({ duplicateNextPushes: 1 });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { sourceContext: "order-push-dup" });
    await statusOf(fileId, "UPLOADED");
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && emulator.state.deliveries.filter((d) => d.url.startsWith(service.url)).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const deliveries = emulator.state.deliveries.filter(
      (d) => d.eventType === "NewFileUpload" && d.outcome === "delivered",
    );
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(await t.db.prisma.vodEvent.count({ where: { fileId } })).toBe(1);
  });

  test("DeleteMedia ends DELETED", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await statusOf(fileId, "UPLOADED");
    await client.DeleteMedia({ FileId: fileId });
    await statusOf(fileId, "DELETED");
  });

  test("the 2017 format, which carries no Sign/T, is accepted on a token-only callback URL", async () => {
    const tokenOnly = await startTestApp();
    const tokenService = await listenApp(tokenOnly.app);
    await client.ModifyEventConfig({ NotificationUrl: `${tokenService.url}${tokenOnly.callbackPath}` });
    emulator.configure({ eventFormat: "legacy" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sourceContext: "order-legacy",
    });
    const upload = await statusOf(fileId, "PROCESSED", tokenOnly.db);
    expect(upload).toMatchObject({ sourceContext: "order-legacy", sourceType: "ServerUpload" });
    const formats = await tokenOnly.db.prisma.vodEvent.findMany({ where: { fileId }, select: { format: true } });
    expect(formats.map((e) => e.format)).toEqual(["legacy", "legacy"]);
    await tokenService.close();
    await tokenOnly.close();
  });
});
