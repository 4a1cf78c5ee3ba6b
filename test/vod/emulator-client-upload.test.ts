// The client (UGC) upload on the emulator: a signature made by the tracker's createUploadSignature, an upload made
// the way VOD's browser SDK makes it (ApplyUploadUGC → COS → CommitUploadUGC), the events it raises, and the
// refusals, each with the code the real service answers (sources in src/emulator/ugc/ugc-error.ts):
// 10001 invalid request, 10004 invalid signature (also "duplicate vod signature"), 10005 session, 10010 expired.
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createVodClient } from "../../src/vod/client.js";
import { createUploadSignature, type UploadSignatureInput } from "../../src/vod/create-upload-signature.js";
import { startCallbackReceiver } from "../support/emulator-callback-receiver.js";
import { callUgc, uploadLikeClientSdk } from "../support/emulator-client-upload.js";
import { waitUntil } from "../support/emulator-wait-until.js";

const primary = { secretId: "AKIDugcTest00000000000000000000000", secretKey: "ugcTestSecretKey0000000000000000" };
const tenant = { secretId: "AKIDugcTenant000000000000000000000", secretKey: "ugcTenantSecretKey00000000000000" };
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    ...primary,
    acceptedKeys: [tenant],
    procedureDelayMs: 50,
    eventConfig: { mode: "PULL", uploadMediaCompleteEventSwitch: "ON" },
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

function sign(overrides: Partial<UploadSignatureInput> = {}): string {
  return createUploadSignature({ ...primary, expiresInSeconds: 3600, ...overrides }).signature;
}

/** Re-encodes a signature after changing its original, keeping the old HMAC. */
function tamper(signature: string, edit: (original: string) => string): string {
  const bytes = Buffer.from(signature, "base64");
  const original = Buffer.from(edit(bytes.subarray(20).toString("utf8")));
  return Buffer.concat([bytes.subarray(0, 20), original]).toString("base64");
}

const apply = (signature: string, extra: Record<string, unknown> = {}) =>
  callUgc(emulator.url, "ApplyUploadUGC", { signature, videoName: "clip", videoType: "mp4", videoSize: 5, ...extra });

const eventOf = (type: string, fileId: string) =>
  emulator.state.events.find((event) => event.eventType === type && JSON.stringify(event.body).includes(fileId));

describe("client upload: ApplyUploadUGC → COS → CommitUploadUGC", () => {
  it("accepts a signature of createUploadSignature; NewFileUpload carries the signature's SourceContext", async () => {
    const signature = sign({
      procedure: "LongVideoPreset",
      sourceContext: '{"uploadId":"u-42"}',
      sessionContext: "batch-9",
      classId: 3,
    });
    const { applied, committed } = await uploadLikeClientSdk(emulator, signature, { videoName: "holiday" });

    expect(applied).toMatchObject({ code: 0, message: "" });
    expect(applied.data).toMatchObject({
      storageAppId: Number(emulator.appId),
      storageRegionV5: "ap-guangzhou",
      appId: Number(emulator.appId),
      video: { storagePath: expect.stringMatching(/^\/.+\.mp4$/) },
    });
    expect(applied.data.storageBucket).not.toMatch(new RegExp(`-${emulator.appId}$`));
    expect(committed).toMatchObject({ code: 0, data: { fileId: expect.stringMatching(/^\d{19}$/) } });
    const { fileId } = committed.data;
    expect(committed.data.video.url).toMatch(new RegExp(`/${fileId}/.+\\.mp4$`));

    const upload = await waitUntil(() => eventOf("NewFileUpload", fileId));
    expect(upload.body).toMatchObject({
      FileUploadEvent: {
        FileId: fileId,
        MediaBasicInfo: {
          Name: "holiday",
          ClassId: 3,
          SourceInfo: { SourceType: "Upload", SourceContext: '{"uploadId":"u-42"}' },
        },
      },
    });
    const procedure = await waitUntil(() => eventOf("ProcedureStateChanged", fileId));
    expect(procedure.body).toMatchObject({
      ProcedureStateChangeEvent: { FileId: fileId, Status: "FINISH", SessionContext: "batch-9" },
    });
    expect(emulator.state.media.get(fileId)).toMatchObject({ clientUpload: true, size: expect.any(Number) });
  });

  it("files the upload under the sub-application and storage region of the signature", async () => {
    const { applied, committed } = await uploadLikeClientSdk(
      emulator,
      sign({ subAppId: 1_500_000_001, storageRegion: "ap-chongqing" }),
    );
    expect(applied.data.storageRegionV5).toBe("ap-chongqing");
    const upload = await waitUntil(() => eventOf("NewFileUpload", committed.data.fileId));
    expect(upload.subAppId).toBe(1_500_000_001);
  });

  it("accepts a signature of any accepted key pair", async () => {
    const { committed } = await uploadLikeClientSdk(emulator, sign(tenant));
    expect(committed.code).toBe(0);
  });

  it("hands the same session out again for its vodSessionKey, as the SDK asks when it resumes", async () => {
    const signature = sign();
    const first = await apply(signature);
    const again = await callUgc(emulator.url, "ApplyUploadUGC", { signature, vodSessionKey: first.data.vodSessionKey });
    expect(again.code).toBe(0);
    expect(again.data).toMatchObject({
      vodSessionKey: first.data.vodSessionKey,
      video: first.data.video,
      tempCertificate: first.data.tempCertificate,
    });
  });

  it("labels the upload ClientUpload in the legacy callback format", async () => {
    const receiver = await startCallbackReceiver();
    try {
      const client = createVodClient({ ...primary, region: "ap-guangzhou", endpoint: emulator.url });
      await client.ModifyEventConfig({
        Mode: "PUSH",
        NotificationUrl: receiver.url,
        UploadMediaCompleteEventSwitch: "ON",
      });
      emulator.configure({ eventFormat: "legacy" });
      await uploadLikeClientSdk(emulator, sign({ sourceContext: "order-7" }));
      await waitUntil(() => receiver.received.length >= 1);
      expect(receiver.received[0]!.body).toMatchObject({
        eventType: "NewFileUpload",
        data: { sourceType: "ClientUpload", sourceContext: "order-7" },
      });
    } finally {
      await receiver.close();
    }
  });
});

describe("client upload refusals", () => {
  it("refuses an expired signature with 10010", async () => {
    const expired = sign({ now: new Date(Date.now() - 7_200_000), expiresInSeconds: 3600 });
    expect(await apply(expired)).toMatchObject({ code: 10010 });
  });

  it("refuses a signature whose original was changed after signing with 10004", async () => {
    const signature = sign({ sourceContext: "user-1" });
    expect(await apply(tamper(signature, (original) => original.replace("user-1", "user-2")))).toMatchObject({
      code: 10004,
    });
    const flipped = Buffer.from(signature, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(await apply(flipped.toString("base64"))).toMatchObject({ code: 10004 });
  });

  it("refuses a signature made with the wrong SecretKey or an unknown SecretId with 10004", async () => {
    expect(await apply(sign({ secretKey: "notTheSecretKey00000000000000000" }))).toMatchObject({ code: 10004 });
    expect(await apply(sign({ secretId: "AKIDunknown00000000000000000000000" }))).toMatchObject({ code: 10004 });
  });

  it("refuses a missing or malformed signature with 10004", async () => {
    expect(await callUgc(emulator.url, "ApplyUploadUGC", { videoType: "mp4" })).toMatchObject({ code: 10004 });
    expect(await apply("not base64!")).toMatchObject({ code: 10004 });
  });

  it("refuses a one-time signature used again, even by the commit, with 10004 'duplicate vod signature'", async () => {
    const duplicate = { code: 10004, message: expect.stringContaining("duplicate vod signature") };
    const oneTime = sign({ oneTimeValid: true, sourceContext: "once" });
    expect((await apply(oneTime)).code).toBe(0);
    expect(await apply(oneTime)).toMatchObject(duplicate);

    const other = sign({ oneTimeValid: true });
    await expect(uploadLikeClientSdk(emulator, other)).resolves.toMatchObject({ committed: duplicate });
    const { committed } = await uploadLikeClientSdk(emulator, sign({ oneTimeValid: true }), {
      commitSignature: sign({ oneTimeValid: true }),
    });
    expect(committed.code).toBe(0);
  });

  it("refuses a commit before the bytes reached COS (10001), an unknown or spent vodSessionKey (10005)", async () => {
    const signature = sign();
    const applied = await apply(signature);
    const commit = (vodSessionKey: string) => callUgc(emulator.url, "CommitUploadUGC", { signature, vodSessionKey });
    expect(await commit(applied.data.vodSessionKey)).toMatchObject({ code: 10001 });
    expect(await commit("no-such-session")).toMatchObject({ code: 10005 });

    const { applied: done } = await uploadLikeClientSdk(emulator, signature);
    expect(await commit(done.data.vodSessionKey)).toMatchObject({ code: 10005 });
  });

  it("answers 10001 to an unknown action, a body that is not JSON, an unsupported videoType", async () => {
    expect(await callUgc(emulator.url, "DeleteEverything", { signature: sign() })).toMatchObject({ code: 10001 });
    expect(await callUgc(emulator.url, "ApplyUploadUGC", "{not json")).toMatchObject({ code: 10001 });
    expect(await apply(sign(), { videoType: "exe" })).toMatchObject({ code: 10001 });
  });

  it("answers the browser's CORS preflight", async () => {
    const response = await fetch(`${emulator.url}/v3/index.php?Action=ApplyUploadUGC`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});
