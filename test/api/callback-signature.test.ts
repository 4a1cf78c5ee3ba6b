// Callbacks authenticated by VOD's Sign/T (VOD_SIGN_KEY), alone or with the URL token.
import { createHash } from "node:crypto";
import request from "supertest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { v3NewFileUpload } from "../support/vod-payloads.js";

const signKey = "abcd1234ABCD";
const signed = (body: Record<string, any>, t = Math.floor(Date.now() / 1000) + 600): Record<string, any> => ({
  ...body,
  Sign: createHash("md5").update(`${signKey}${t}`).digest("hex"),
  T: t,
});

describe("POST /callbacks/vod with VOD_SIGN_KEY only", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ signKey, callbackToken: false });
  });
  afterAll(() => t.close());

  test("accepts a body signed with Sign/T", async () => {
    const response = await request(t.app).post("/callbacks/vod").send(signed(v3NewFileUpload()));
    expect(response.body).toMatchObject({ outcome: "applied" });
  });

  test("answers 401 signature_expired to a T in the past and stores nothing", async () => {
    const body = signed(v3NewFileUpload(), Math.floor(Date.now() / 1000) - 1);
    const response = await request(t.app).post("/callbacks/vod").send(body);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("signature_expired");
    expect(await t.db.prisma.vodEvent.count({ where: { fileId: body.FileUploadEvent.FileId } })).toBe(0);
  });

  test("answers 401 to a missing or wrong Sign", async () => {
    expect((await request(t.app).post("/callbacks/vod").send(v3NewFileUpload())).status).toBe(401);
    const wrong = { ...signed(v3NewFileUpload()), Sign: "0".repeat(32) };
    expect((await request(t.app).post("/callbacks/vod").send(wrong)).status).toBe(401);
  });

  test("treats a redelivery with a new Sign/T as a duplicate of the first delivery", async () => {
    const body = v3NewFileUpload();
    await request(t.app).post("/callbacks/vod").send(signed(body)).expect(200);
    const again = await request(t.app)
      .post("/callbacks/vod")
      .send(signed(body, Math.floor(Date.now() / 1000) + 900));
    expect(again.body).toEqual({ outcome: "duplicate" });
  });
});

describe("POST /callbacks/vod with both a token and a sign key", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ signKey });
  });
  afterAll(() => t.close());

  test("needs both checks to pass", async () => {
    const body = signed(v3NewFileUpload());
    expect((await request(t.app).post("/callbacks/vod").send(body)).status).toBe(401);
    expect((await request(t.app).post(t.callbackPath).send(v3NewFileUpload())).status).toBe(401);
    expect((await request(t.app).post(t.callbackPath).send(body)).status).toBe(200);
  });

  test("checks the token before reading the body: a wrong token with malformed JSON is 401, not 400", async () => {
    const response = await request(t.app)
      .post("/callbacks/vod?token=wrong")
      .set("Content-Type", "application/json")
      .send("{oops");
    expect(response.status).toBe(401);
  });
});
