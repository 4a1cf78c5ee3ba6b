// The emulator's TC3-HMAC-SHA256 verifier against the worked example of vod-reference §8 (values the SDK's own
// sign3 produced), one failure mode per test made by changing one field of that valid request; then the same
// rules end to end over HTTP with hand-signed requests.
import { tc3Signature } from "../../src/emulator/api/tc3-signature.js";
import { verifyTc3Request, type Tc3Request } from "../../src/emulator/api/verify-tc3-request.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { sendSignedRequest } from "../support/emulator-signed-request.js";

const example = {
  secretId: "AKIDexampleSecretId0123456789abcdef",
  secretKey: "exampleSecretKey0123456789abcdef",
  timestamp: 1718000000,
  body:
    '{"MediaType":"mp4","MediaName":"demo.mp4","Procedure":"LongVideoPreset",' +
    '"SourceContext":"order-1001","SubAppId":1500012345}',
  hashedPayload: "23840d3bbd6ba99e632875c0752e8c2881b3bfb75f1c81172c408c8e0ab7f8b8",
  hashedCanonicalRequest: "81465e60285d050c916bf7f1d9b10f77566317e17ce39f731313b205b910e04d",
  authorization:
    "TC3-HMAC-SHA256 Credential=AKIDexampleSecretId0123456789abcdef/2024-06-10/vod/tc3_request, " +
    "SignedHeaders=content-type;host, Signature=ef7f9f14daa25a9163369b82eb9f292a5c8a8b26801f690d67e80ff64f9b3f2e",
};

function exampleRequest(change: { headers?: Record<string, string>; body?: string } = {}): Tc3Request {
  return {
    method: "POST",
    path: "/",
    query: "",
    headers: {
      host: "vod.tencentcloudapi.com",
      "content-type": "application/json",
      "x-tc-action": "ApplyUpload",
      "x-tc-timestamp": String(example.timestamp),
      "x-tc-version": "2018-07-17",
      authorization: example.authorization,
      ...change.headers,
    },
    body: Buffer.from(change.body ?? example.body),
  };
}

const keyOf = (secretId: string) => (secretId === example.secretId ? example.secretKey : undefined);

describe("tc3Signature", () => {
  it("reproduces the payload hash, canonical request hash and signature of the worked example", () => {
    const signed = tc3Signature({
      method: "POST",
      path: "/",
      query: "",
      headers: [
        ["content-type", "application/json"],
        ["host", "vod.tencentcloudapi.com"],
      ],
      body: example.body,
      timestamp: example.timestamp,
      service: "vod",
      secretKey: example.secretKey,
    });
    expect(signed.hashedPayload).toBe(example.hashedPayload);
    expect(signed.hashedCanonicalRequest).toBe(example.hashedCanonicalRequest);
    expect(signed.credentialScope).toBe("2024-06-10/vod/tc3_request");
    expect(example.authorization).toContain(`Signature=${signed.signature}`);
  });
});

describe("verifyTc3Request", () => {
  it("accepts the worked example at its own time", () => {
    expect(verifyTc3Request(exampleRequest(), keyOf, example.timestamp)).toEqual({
      ok: true,
      secretId: example.secretId,
      service: "vod",
    });
  });

  it("accepts it up to five minutes later and ignores the port of the Host header", () => {
    const request = exampleRequest({ headers: { host: "vod.tencentcloudapi.com:443" } });
    expect(verifyTc3Request(request, keyOf, example.timestamp + 300).ok).toBe(true);
  });

  it("refuses it more than five minutes later with AuthFailure.SignatureExpire", () => {
    expect(verifyTc3Request(exampleRequest(), keyOf, example.timestamp + 301)).toMatchObject({
      code: "AuthFailure.SignatureExpire",
    });
  });

  it("refuses a timestamp from the future beyond five minutes with AuthFailure.SignatureExpire", () => {
    expect(verifyTc3Request(exampleRequest(), keyOf, example.timestamp - 301)).toMatchObject({
      code: "AuthFailure.SignatureExpire",
    });
  });

  it("refuses a changed body with AuthFailure.SignatureFailure", () => {
    const request = exampleRequest({ body: example.body.replace("order-1001", "order-1002") });
    expect(verifyTc3Request(request, keyOf, example.timestamp)).toMatchObject({ code: "AuthFailure.SignatureFailure" });
  });

  it("refuses another host with AuthFailure.SignatureFailure", () => {
    const request = exampleRequest({ headers: { host: "vod.intl.tencentcloudapi.com" } });
    expect(verifyTc3Request(request, keyOf, example.timestamp)).toMatchObject({ code: "AuthFailure.SignatureFailure" });
  });

  it("refuses a timestamp on another day than the credential scope with AuthFailure.SignatureFailure", () => {
    const request = exampleRequest({ headers: { "x-tc-timestamp": String(example.timestamp + 86_400) } });
    expect(verifyTc3Request(request, keyOf, example.timestamp + 86_400)).toMatchObject({
      code: "AuthFailure.SignatureFailure",
    });
  });

  it("refuses an unknown SecretId with AuthFailure.SecretIdNotFound", () => {
    const authorization = example.authorization.replace("AKIDexample", "AKIDother");
    const request = exampleRequest({ headers: { authorization } });
    expect(verifyTc3Request(request, keyOf, example.timestamp)).toMatchObject({ code: "AuthFailure.SecretIdNotFound" });
  });

  it("refuses a malformed Authorization header with AuthFailure.InvalidAuthorization", () => {
    const request = exampleRequest({ headers: { authorization: "TC3-HMAC-SHA256 Signature=abc" } });
    expect(verifyTc3Request(request, keyOf, example.timestamp)).toMatchObject({
      code: "AuthFailure.InvalidAuthorization",
    });
  });

  it("refuses SignedHeaders without host with AuthFailure.InvalidAuthorization", () => {
    const authorization = example.authorization.replace("content-type;host", "content-type");
    const request = exampleRequest({ headers: { authorization } });
    expect(verifyTc3Request(request, keyOf, example.timestamp)).toMatchObject({
      code: "AuthFailure.InvalidAuthorization",
    });
  });
});

describe("TC3 authentication over HTTP", () => {
  const credentials = { secretId: "AKIDhttpTest000000000000000000000", secretKey: "httpTestSecretKey000000000000000" };
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, ...credentials });
  });
  afterAll(() => emulator.close());

  const send = (options: Partial<Parameters<typeof sendSignedRequest>[0]> = {}) =>
    sendSignedRequest({ url: emulator.url, action: "DescribeEventConfig", body: {}, ...credentials, ...options });

  it("answers a correctly signed request", async () => {
    const { status, json } = await send();
    expect(status).toBe(200);
    expect(json.Response).toMatchObject({ Mode: "PUSH", RequestId: expect.any(String) });
  });

  it("verifies extra signed headers such as x-tc-action", async () => {
    expect((await send({ signAction: true })).json.Response.Error).toBeUndefined();
  });

  it("refuses a request signed ten minutes ago with HTTP 200 and AuthFailure.SignatureExpire", async () => {
    const { status, json } = await send({ timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(status).toBe(200);
    expect(json.Response.Error.Code).toBe("AuthFailure.SignatureExpire");
    expect(json.Response.RequestId).toEqual(expect.any(String));
  });

  it("refuses a tampered signature with AuthFailure.SignatureFailure", async () => {
    const tamper = (authorization: string) => authorization.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
    expect((await send({ tamper })).json.Response.Error.Code).toBe("AuthFailure.SignatureFailure");
  });

  it("refuses an API version other than 2018-07-17 with NoSuchVersion", async () => {
    expect((await send({ version: "2024-07-18" })).json.Response.Error.Code).toBe("NoSuchVersion");
  });
});
