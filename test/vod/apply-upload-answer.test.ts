// POST /v1/uploads when VOD's ApplyUpload answer lacks a field the upload cannot go on without: refused as
// vod_error (VOD's fault, not the caller's) before any row is written. The VOD client is a dependency, so a
// small stand-in that answers like the SDK stands in for it.
import request from "supertest";
import { randomBytes } from "node:crypto";
import type { VodClient } from "../../src/vod/client.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

const completeAnswer = {
  StorageBucket: "vodemu1250000000-1250000000",
  StorageRegion: "ap-guangzhou",
  MediaStoragePath: "/0123456789abcdef/f0.mp4",
  VodSessionKey: "c2Vzc2lvbi1rZXk",
  CoverStoragePath: null,
  TempCertificate: { SecretId: "AKIDtemp", SecretKey: "tempKey", Token: "tempToken", ExpiredTime: 4_102_444_800 },
  RequestId: "6a4b5c0e-0000-4000-8000-000000000001",
};
const requiredFields = ["StorageBucket", "StorageRegion", "MediaStoragePath", "VodSessionKey"] as const;

let answer: Record<string, unknown> = completeAnswer;
// A fresh session key per answer, as VOD gives: the column is unique.
const vod = {
  ApplyUpload: async () => ({
    ...answer,
    ...(answer.VodSessionKey ? { VodSessionKey: randomBytes(12).toString("base64url") } : {}),
  }),
} as unknown as VodClient;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ vod });
});
afterAll(() => t.close());

const start = (sourceContext: string) =>
  request(t.app)
    .post("/v1/uploads")
    .set("Authorization", `Bearer ${t.apiToken}`)
    .send({ mediaType: "mp4", sourceContext });

describe("POST /v1/uploads with an incomplete ApplyUpload answer", () => {
  test.each(requiredFields)("answers 502 vod_error naming the missing %s and records no upload", async (field) => {
    const sourceContext = `apply-${randomBytes(6).toString("hex")}`;
    for (const missing of [undefined, ""]) {
      answer = { ...completeAnswer, [field]: missing };
      const response = await start(sourceContext);
      expect(response.status).toBe(502);
      expect(response.body.error).toMatchObject({
        code: "vod_error",
        details: { action: "ApplyUpload", requestId: completeAnswer.RequestId, missing: [field] },
      });
    }
    expect(await t.db.prisma.upload.count({ where: { sourceContext } })).toBe(0);
  });

  test("records the PENDING upload when every field is there", async () => {
    answer = completeAnswer;
    const sourceContext = `apply-${randomBytes(6).toString("hex")}`;
    const response = await start(sourceContext);
    expect(response.status).toBe(201);
    expect(response.body.storage).toMatchObject({
      bucket: completeAnswer.StorageBucket,
      mediaKey: completeAnswer.MediaStoragePath,
    });
    expect(await t.db.prisma.upload.findMany({ where: { sourceContext } })).toMatchObject([
      { status: "PENDING", vodSessionKey: expect.any(String) },
    ]);
  });
});
