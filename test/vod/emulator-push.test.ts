// PUSH delivery (normal callback) from the emulator to a local receiver: Sign/T, retries after a non-2xx answer,
// the event switches, and the emulator-only knobs that lose or duplicate a push.
import { createHash } from "node:crypto";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const credentials = { secretId: "AKIDpushTest0000000000000000000000", secretKey: "pushTestSecretKey000000000000000" };
let emulator: EmulatorHandle;
let client: VodClient;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
/** The emulator's log: it says when it gives up on a push, which no state shows. */
let logged: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    ...credentials,
    procedureDelayMs: 50,
    pushRetryDelaysMs: [20, 40],
    log: (line) => logged.push(line),
  });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  logged = [];
});
afterEach(() => receiver.close());

async function pushTo(answers: number[], config: { SignKey?: string; switches?: "ON" | "OFF" } = {}) {
  receiver = await startCallbackReceiver(answers);
  await client.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: receiver.url,
    UploadMediaCompleteEventSwitch: config.switches ?? "ON",
    DeleteMediaCompleteEventSwitch: config.switches ?? "ON",
    SignKey: config.SignKey,
  });
}

describe("PUSH delivery", () => {
  it("posts NewFileUpload and then ProcedureStateChanged as JSON to the NotificationUrl", async () => {
    await pushTo([]);
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, {
      procedure: "LongVideoPreset",
      sourceContext: "order-7",
    });
    await waitUntil(() => receiver.received.length >= 2);
    const [upload, procedure] = receiver.received;
    expect(upload!.headers["content-type"]).toBe("application/json");
    expect(upload!.body).toMatchObject({
      EventType: "NewFileUpload",
      FileUploadEvent: { FileId: fileId, MediaBasicInfo: { SourceInfo: { SourceContext: "order-7" } } },
    });
    expect(upload!.body).not.toHaveProperty("EventHandle");
    expect(upload!.body).not.toHaveProperty("Sign");
    expect(procedure!.body).toMatchObject({
      EventType: "ProcedureStateChanged",
      ProcedureStateChangeEvent: {
        FileId: fileId,
        Status: "FINISH",
        TaskId: upload!.body.FileUploadEvent.ProcedureTaskId,
      },
    });
  });

  it("adds Sign = md5(SignKey + T) and T = now + 600 s when a SignKey is set", async () => {
    await pushTo([], { SignKey: "abcd1234ABCD" });
    const before = Math.floor(Date.now() / 1000);
    await uploadToEmulator(client, emulator.cosDomain);
    const [callback] = await waitUntil(() => receiver.received.length >= 1 && receiver.received);
    const { Sign, T } = callback!.body;
    expect(typeof T).toBe("number");
    expect(T).toBeGreaterThanOrEqual(before + 600);
    expect(T).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
    expect(Sign).toBe(createHash("md5").update(`abcd1234ABCD${T}`).digest("hex"));
  });

  it("retries after a 500 answer and records every attempt", async () => {
    await pushTo([500]);
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => emulator.state.deliveries.length >= 2);
    expect(receiver.received.map((callback) => callback.answeredWith)).toEqual([500, 200]);
    expect(receiver.received[1]!.body.FileUploadEvent.FileId).toBe(fileId);
    const deliveries = emulator.state.deliveries.map(({ attempt, outcome, status }) => ({ attempt, outcome, status }));
    expect(deliveries).toEqual([
      { attempt: 1, outcome: "failed", status: 500 },
      { attempt: 2, outcome: "delivered", status: 200 },
    ]);
  });

  it("gives up after the last retry delay", async () => {
    await pushTo([503, 503, 503, 503]);
    await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => logged.some((line) => line.includes("giving up")));
    expect(receiver.received).toHaveLength(3);
    expect(emulator.state.deliveries).toHaveLength(3);
  });

  it("retries when the receiver cannot be reached", async () => {
    await pushTo([]);
    await client.ModifyEventConfig({ NotificationUrl: "http://127.0.0.1:9/unreachable" });
    await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => emulator.state.deliveries.length >= 3);
    expect(emulator.state.deliveries.every((delivery) => delivery.outcome === "failed" && delivery.error)).toBe(true);
  });

  it("sends no NewFileUpload or FileDeleted while their switches are OFF, but ProcedureStateChanged", async () => {
    await pushTo([], { switches: "OFF" });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    await waitUntil(() => receiver.received.length >= 1);
    await client.DeleteMedia({ FileId: fileId });
    await waitUntil(() => emulator.state.events.some((event) => event.eventType === "FileDeleted"));
    expect(receiver.received.map((callback) => callback.body.EventType)).toEqual(["ProcedureStateChanged"]);
    const suppressed = emulator.state.events.filter((event) => event.route === "suppressed");
    expect(suppressed.map((event) => event.eventType)).toEqual(["NewFileUpload", "FileDeleted"]);
  });

  it("posts FileDeleted after DeleteMedia", async () => {
    await pushTo([]);
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => receiver.received.length >= 1);
    await client.DeleteMedia({ FileId: fileId });
    const callbacks = await waitUntil(() => receiver.received.length >= 2 && receiver.received);
    expect(callbacks[1]!.body).toEqual({
      EventType: "FileDeleted",
      FileDeleteEvent: { FileIdSet: [fileId], FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: [] }] },
    });
  });

  it("reports a failed procedure as a FAIL Transcode subtask with SourceFileError and 30009", async () => {
    await pushTo([]);
    emulator.configure({ procedureOutcome: "failure" });
    await uploadToEmulator(client, emulator.cosDomain, { procedure: "LongVideoPreset" });
    const callbacks = await waitUntil(() => receiver.received.length >= 2 && receiver.received);
    expect(callbacks[1]!.body.ProcedureStateChangeEvent).toMatchObject({
      Status: "FINISH",
      ErrCode: 0,
      MediaProcessResultSet: [
        { Type: "Transcode", TranscodeTask: { Status: "FAIL", ErrCodeExt: "SourceFileError", ErrCode: 30009 } },
      ],
    });
  });

  it("loses the next push on purpose when asked to, and logs it", async () => {
    await pushTo([]);
    emulator.configure({ dropNextPushes: 1 });
    await uploadToEmulator(client, emulator.cosDomain);
    await uploadToEmulator(client, emulator.cosDomain);
    // Both pushes are settled once each has its delivery record: the lost one and the one delivered.
    await waitUntil(() => emulator.state.deliveries.length >= 2);
    expect(receiver.received).toHaveLength(1);
    expect(emulator.state.deliveries[0]).toMatchObject({ outcome: "dropped", attempt: 0 });
  });

  it("delivers the next push twice when asked to, as a redelivery would", async () => {
    await pushTo([]);
    emulator.configure({ duplicateNextPushes: 1 });
    const { fileId } = await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => receiver.received.length >= 2);
    expect(receiver.received.map((callback) => callback.body.FileUploadEvent.FileId)).toEqual([fileId, fileId]);
  });
});

describe("control endpoints", () => {
  it("change settings over HTTP and refuse unknown ones", async () => {
    receiver = await startCallbackReceiver();
    const changed = await fetch(`${emulator.url}/_emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventFormat: "legacy", pullHoldMs: 10 }),
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as any).settings).toMatchObject({ eventFormat: "legacy", pullHoldMs: 10 });
    const refused = await fetch(`${emulator.url}/_emulator/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventFormatt: "legacy" }),
    });
    expect(refused.status).toBe(400);
  });

  it("show the state and the delivery log and reset them", async () => {
    await pushTo([]);
    await uploadToEmulator(client, emulator.cosDomain);
    await waitUntil(() => receiver.received.length >= 1);
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as any;
    expect(state.media).toHaveLength(1);
    expect(await (await fetch(`${emulator.url}/_emulator/deliveries`)).json()).toHaveLength(1);
    expect((await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" })).status).toBe(200);
    expect(((await (await fetch(`${emulator.url}/_emulator/state`)).json()) as any).media).toEqual([]);
  });
});
