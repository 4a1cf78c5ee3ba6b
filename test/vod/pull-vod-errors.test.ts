// PullEvents and ConfirmEvents fail like every other VOD call (call-vod.ts): an AppError that names the action,
// VOD's error code and its request id, so the pull worker's log says what VOD refused.
import { randomBytes } from "node:crypto";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { pullBatch, type PullClient } from "../../src/vod/pull-batch.js";
import { uploadToEmulator } from "../support/emulator-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const credentials = { secretId: "AKIDpullErrors0000000000000000000", secretKey: "pullErrorsSecretKey0000000000000" };
let db: TestDatabase;
let emulator: EmulatorHandle;
let client: VodClient;

beforeAll(async () => {
  db = await createTestDatabase();
  emulator = await startEmulator({ port: 0, ...credentials, pullHoldMs: 20 });
  client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  await client.ModifyEventConfig({ Mode: "PULL", UploadMediaCompleteEventSwitch: "ON" });
});
afterAll(async () => {
  await emulator.close();
  await db.close();
});

describe("pullBatch errors", () => {
  test("a refused PullEvents fails with vod_error naming VOD's code and request id", async () => {
    const wrongKey = createVodClient({
      secretId: credentials.secretId,
      secretKey: randomBytes(16).toString("hex"),
      region: "ap-guangzhou",
      endpoint: emulator.url,
    });
    await expect(pullBatch({ db, client: wrongKey })).rejects.toMatchObject({
      code: "vod_error",
      details: { action: "PullEvents", vodCode: expect.stringMatching(/^AuthFailure/), requestId: expect.any(String) },
    });
  });

  test("a refused ConfirmEvents is reported as vod_rejected naming VOD's code, with the events stored", async () => {
    const uploaded = await uploadToEmulator(client, emulator.cosDomain, {
      sourceContext: `confirm-${randomBytes(4).toString("hex")}`,
    });
    await waitUntil(() => (emulator.state.queues.get(0)?.list().length ?? 0) > 0);
    // The real SDK, with each handle spoilt on its way back: VOD refuses to confirm a handle it never gave out.
    const spoilt: PullClient = {
      PullEvents: async (req) => {
        const answer = await client.PullEvents(req);
        return {
          EventSet: (answer.EventSet ?? []).map((event) => ({ ...event, EventHandle: `spoilt-${event.EventHandle}` })),
        };
      },
      ConfirmEvents: (req) => client.ConfirmEvents(req),
    };
    const result = await pullBatch({ db, client: spoilt });
    expect(result).toMatchObject({ pulled: 1, confirmed: 0, storeError: null });
    expect(result.confirmError).toMatchObject({
      code: "vod_rejected",
      details: { action: "ConfirmEvents", vodCode: "InvalidParameterValue", requestId: expect.any(String) },
    });
    expect(await db.prisma.upload.count({ where: { fileId: uploaded.fileId } })).toBe(1);
  });
});
