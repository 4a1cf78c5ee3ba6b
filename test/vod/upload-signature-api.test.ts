// POST /v1/upload-signatures: a signature for VOD's client upload SDKs. The emulator — an independent reader of
// the signature — accepts it for a client-style upload, and the NewFileUpload it then pushes carries the
// sourceContext back to us.
import request from "supertest";
import type { EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { uploadLikeClientSdk } from "../support/emulator-client-upload.js";
import { startServiceWithEmulator, type ServiceWithEmulator } from "../support/service-with-emulator.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const credentials = { secretId: "AKIDsignatureApi00000000000000000", secretKey: "signatureApiSecretKey00000000000" };
let t: TestApp;
let emulator: EmulatorHandle;
let setup: ServiceWithEmulator;

beforeAll(async () => {
  setup = await startServiceWithEmulator(credentials, {}, { vodCredentials: true });
  ({ t, emulator } = setup);
});
afterAll(() => setup.close());

const sign = (body: object, token = t.apiToken) =>
  request(t.app).post("/v1/upload-signatures").set("Authorization", `Bearer ${token}`).send(body);

describe("POST /v1/upload-signatures", () => {
  test("gives a signature the client upload path accepts, and the upload comes back with its sourceContext", async () => {
    const response = await sign({ sourceContext: "client-order-7", procedure: "LongVideoPreset", expiresIn: 600 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ signature: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(response.body.expiresAt) - Date.now()).toBeGreaterThan(590_000);

    await uploadLikeClientSdk(emulator, response.body.signature);
    const deadline = Date.now() + 10_000;
    let items: Array<{ status: string; sourceContext: string }> = [];
    while (Date.now() < deadline) {
      items = (
        await request(t.app)
          .get("/v1/uploads?sourceContext=client-order-7")
          .set("Authorization", `Bearer ${t.apiToken}`)
      ).body.items;
      if (items[0]?.status === "PROCESSED") break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(items).toEqual([expect.objectContaining({ status: "PROCESSED", sourceContext: "client-order-7" })]);
  });

  test("answers 400 to a validity over 90 days or a sourceContext over 250 characters", async () => {
    expect((await sign({ expiresIn: 7_776_001 })).status).toBe(400);
    const long = await sign({ sourceContext: "x".repeat(251) });
    expect([long.status, long.body.error.code]).toEqual([400, "invalid_request"]);
  });

  test("answers 401 without an API token", async () => {
    expect((await request(t.app).post("/v1/upload-signatures").send({})).status).toBe(401);
  });

  test("answers 503 vod_not_configured without VOD credentials", async () => {
    const other = await startTestApp();
    try {
      const response = await request(other.app)
        .post("/v1/upload-signatures")
        .set("Authorization", `Bearer ${other.apiToken}`)
        .send({});
      expect([response.status, response.body.error.code]).toEqual([503, "vod_not_configured"]);
    } finally {
      await other.close();
    }
  });
});
