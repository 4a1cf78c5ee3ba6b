// The client upload signature against the worked example of vod-reference.md §7, byte for byte, and the limits
// VOD puts on it (validity ≤ 90 days, sourceContext ≤ 250 characters).
import { createHmac } from "node:crypto";
import { AppError } from "../../src/errors.js";
import { createUploadSignature, type UploadSignatureInput } from "../../src/vod/create-upload-signature.js";

const example: UploadSignatureInput = {
  secretId: "AKIDexampleSecretId0123456789abcdef",
  secretKey: "exampleSecretKey0123456789abcdef",
  now: new Date(1_718_000_000 * 1000),
  expiresInSeconds: 86_400,
  random: 3_735_928_559,
  procedure: "SimpleAesEncryptPreset",
  sourceContext: '{"uploadId":"u-42"}',
  subAppId: 1_500_012_345,
  storageRegion: "ap-guangzhou",
};
const exampleOriginal =
  "secretId=AKIDexampleSecretId0123456789abcdef&currentTimeStamp=1718000000&expireTime=1718086400" +
  "&random=3735928559&procedure=SimpleAesEncryptPreset&sourceContext=%7B%22uploadId%22%3A%22u-42%22%7D" +
  "&vodSubAppId=1500012345&storageRegion=ap-guangzhou";
const exampleSignature =
  "Y/Y2D3+tKlber2f4kjiZ652/19lzZWNyZXRJZD1BS0lEZXhhbXBsZVNlY3JldElkMDEyMzQ1Njc4OWFiY2RlZiZjdXJyZW50VGltZVN0YW1w" +
  "PTE3MTgwMDAwMDAmZXhwaXJlVGltZT0xNzE4MDg2NDAwJnJhbmRvbT0zNzM1OTI4NTU5JnByb2NlZHVyZT1TaW1wbGVBZXNFbmNyeXB0UHJl" +
  "c2V0JnNvdXJjZUNvbnRleHQ9JTdCJTIydXBsb2FkSWQlMjIlM0ElMjJ1LTQyJTIyJTdEJnZvZFN1YkFwcElkPTE1MDAwMTIzNDUmc3RvcmFn" +
  "ZVJlZ2lvbj1hcC1ndWFuZ3pob3U=";

function decode(signature: string) {
  const bytes = Buffer.from(signature, "base64");
  return { hmacHex: bytes.subarray(0, 20).toString("hex"), original: bytes.subarray(20).toString("utf8") };
}

function codeOf(input: UploadSignatureInput): string {
  try {
    createUploadSignature(input);
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

describe("createUploadSignature", () => {
  it("reproduces the worked example of the reference byte for byte", () => {
    const { signature, expiresAt } = createUploadSignature(example);
    expect(signature).toBe(exampleSignature);
    expect(decode(signature)).toEqual({
      hmacHex: "63f6360f7fad2a56deaf67f8923899eb9dbfd7d9",
      original: exampleOriginal,
    });
    expect(expiresAt.toISOString()).toBe("2024-06-11T06:13:20.000Z");
  });

  it("appends the other options after the example's keys, URL-encoded, and oneTimeValid as 1", () => {
    const { signature } = createUploadSignature({
      ...example,
      classId: 7,
      oneTimeValid: true,
      sessionContext: "batch 9 & more",
      taskPriority: -3,
      taskNotifyMode: "Change",
    });
    const { original, hmacHex } = decode(signature);
    expect(original).toBe(
      `${exampleOriginal}&classId=7&oneTimeValid=1&sessionContext=batch%209%20%26%20more` +
        "&taskPriority=-3&taskNotifyMode=Change",
    );
    expect(hmacHex).toBe(createHmac("sha1", example.secretKey).update(original).digest("hex"));
  });

  it("leaves out oneTimeValid when it is false and every option that is not given", () => {
    const { signature } = createUploadSignature({ ...minimal(), oneTimeValid: false });
    expect(decode(signature).original).toBe(
      "secretId=AKIDexampleSecretId0123456789abcdef&currentTimeStamp=1718000000&expireTime=1718000060&random=1",
    );
  });

  it("draws a random nonce and signs at the current time when neither is given", () => {
    const before = Math.floor(Date.now() / 1000);
    const { original } = decode(createUploadSignature({ ...minimal(), now: undefined, random: undefined }).signature);
    const params = new URLSearchParams(original);
    expect(Number(params.get("currentTimeStamp"))).toBeGreaterThanOrEqual(before);
    expect(Number(params.get("random"))).toBeLessThanOrEqual(0xffffffff);
  });

  it("accepts the longest validity and sourceContext VOD allows", () => {
    expect(codeOf({ ...minimal(), expiresInSeconds: 7_776_000, sourceContext: "x".repeat(250) })).toBe("accepted");
  });

  it("refuses a validity longer than 90 days as invalid_request", () => {
    expect(codeOf({ ...minimal(), expiresInSeconds: 7_776_001 })).toBe("invalid_request");
  });

  it("refuses a validity that is zero or not whole seconds", () => {
    expect(codeOf({ ...minimal(), expiresInSeconds: 0 })).toBe("invalid_request");
    expect(codeOf({ ...minimal(), expiresInSeconds: 1.5 })).toBe("invalid_request");
  });

  it("refuses a sourceContext longer than 250 characters as invalid_request", () => {
    expect(codeOf({ ...minimal(), sourceContext: "x".repeat(251) })).toBe("invalid_request");
  });

  it("refuses a sessionContext over 1000 characters, a taskPriority outside [-10, 10] and broken text", () => {
    expect(codeOf({ ...minimal(), sessionContext: "x".repeat(1001) })).toBe("invalid_request");
    expect(codeOf({ ...minimal(), taskPriority: 11 })).toBe("invalid_request");
    expect(codeOf({ ...minimal(), sourceContext: "\ud800" })).toBe("invalid_request");
  });

  it("refuses a random outside the unsigned 32-bit range", () => {
    expect(codeOf({ ...minimal(), random: 2 ** 32 })).toBe("invalid_request");
  });
});

function minimal(): UploadSignatureInput {
  const { secretId, secretKey, now } = example;
  return { secretId, secretKey, now, expiresInSeconds: 60, random: 1 };
}
