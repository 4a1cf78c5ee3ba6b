// PULL mode (reliable callback): PullEvents long-polls the queue, ConfirmEvents removes what was handled, and an
// event not confirmed within the window comes back under a new EventHandle (short window here; VOD: 30 s).
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const credentials = { secretId: "AKIDpullTest0000000000000000000000", secretKey: "pullTestSecretKey000000000000000" };
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ...credentials, pullHoldMs: 100, redeliveryMs: 300 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  await client.ModifyEventConfig({
    Mode: "PULL",
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
  });
});

/** When the redelivery window of the first pulled event closes (its handle stops working then). */
const windowEndOfFirst = () => emulator.state.queues.get(0)!.list()[0]!.visibleAt;

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const queued = () => emulator.state.queues.get(0)?.list().length ?? 0;

describe("PULL mode", () => {
  it("queues events instead of pushing them, each with an EventHandle and without Sign/T", async () => {
    await client.ModifyEventConfig({ SignKey: "abcd1234ABCD", NotificationUrl: "http://127.0.0.1:9/never" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 1);
    const { EventSet } = await client.PullEvents({});
    expect(EventSet).toEqual([
      expect.objectContaining({ EventHandle: expect.any(String), EventType: "NewFileUpload" }),
    ]);
    expect(EventSet![0]!.FileUploadEvent!.FileId).toBe(fileId);
    expect(EventSet![0]).not.toHaveProperty("Sign");
    expect(emulator.state.deliveries).toEqual([]);
  });

  it("removes a confirmed event for good", async () => {
    await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 1);
    const { EventSet } = await client.PullEvents({});
    const windowEnds = windowEndOfFirst();
    await client.ConfirmEvents({ EventHandles: EventSet!.map((event) => event.EventHandle!) });
    expect(queued()).toBe(0);
    // Past the moment an unconfirmed event would have been handed out again.
    await waitUntil(() => Date.now() > windowEnds);
    expect((await client.PullEvents({})).EventSet).toEqual([]);
  });

  it("hands an unconfirmed event out again under a new EventHandle after the window", async () => {
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 1);
    const first = (await client.PullEvents({})).EventSet![0]!;
    expect((await client.PullEvents({})).EventSet).toEqual([]);

    emulator.configure({ pullHoldMs: 2_000 });
    const again = (await client.PullEvents({})).EventSet![0]!;
    expect(again.FileUploadEvent!.FileId).toBe(fileId);
    expect(again.EventHandle).not.toBe(first.EventHandle);
    expect(await codeOf(client.ConfirmEvents({ EventHandles: [first.EventHandle!] }))).toBe("InvalidParameterValue");
    expect(await codeOf(client.ConfirmEvents({ EventHandles: [again.EventHandle!] }))).toBeUndefined();
  });

  it("refuses to confirm a handle after its window with InvalidParameterValue", async () => {
    await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 1);
    const [event] = (await client.PullEvents({})).EventSet!;
    const windowEnds = windowEndOfFirst();
    await waitUntil(() => Date.now() > windowEnds);
    expect(await codeOf(client.ConfirmEvents({ EventHandles: [event!.EventHandle!] }))).toBe("InvalidParameterValue");
  });

  it("answers a held PullEvents as soon as an event arrives", async () => {
    emulator.configure({ pullHoldMs: 3_000 });
    const started = Date.now();
    const pulling = client.PullEvents({});
    await waitUntil(() => emulator.state.queues.get(0)?.held() === 1);
    await uploadToEmulator(client, emulator.cosDomain);
    const { EventSet } = await pulling;
    expect(EventSet).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("hands out at most 16 events per call", async () => {
    for (let index = 0; index < 18; index += 1) await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 18);
    expect((await client.PullEvents({})).EventSet).toHaveLength(16);
    expect((await client.PullEvents({})).EventSet).toHaveLength(2);
  });

  it("never gives the same event to two concurrent pullers", async () => {
    for (let index = 0; index < 5; index += 1) await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => queued() === 5);
    const [a, b] = await Promise.all([client.PullEvents({}), client.PullEvents({})]);
    const fileIds = [...a.EventSet!, ...b.EventSet!].map((event) => event.FileUploadEvent!.FileId);
    expect(new Set(fileIds).size).toBe(5);
    expect(fileIds).toHaveLength(5);
  });

  it("queues ProcedureStateChanged and FileDeleted too, always in the v3 format", async () => {
    emulator.configure({ eventFormat: "legacy", procedureDelayMs: 20 });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    await waitUntil(() => queued() === 2);
    await client.DeleteMedia({ FileId: fileId });
    await waitUntil(() => queued() === 3);
    const { EventSet } = await client.PullEvents({});
    const types = EventSet!.map((event) => event.EventType);
    expect(types).toEqual(["NewFileUpload", "ProcedureStateChanged", "FileDeleted"]);
  });
});
