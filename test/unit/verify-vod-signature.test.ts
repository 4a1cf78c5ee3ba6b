// One test per failure mode, each made by changing one field of a valid signed fixture (STYLE §7).
import { verifyVodSignature } from "../../src/http/verify-vod-signature.js";

// vod-reference.md §9.8: md5("abcd1234ABCD" + "1718000600").
const key = "abcd1234ABCD";
const valid = { Sign: "5ec3f0e0c574199f720eabcc70fa1d38", T: 1718000600 };
const before = 1718000000 * 1000;

const sources = (
  body: Record<string, unknown>,
  query: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) => ({
  body: { EventType: "NewFileUpload", ...body },
  query,
  headers,
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return "accepted";
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe("verifyVodSignature", () => {
  test("accepts the worked example of the reference", () => {
    expect(codeOf(() => verifyVodSignature([key], sources(valid), before))).toBe("accepted");
  });

  test("accepts T given as a numeric string and Sign in upper case", () => {
    expect(
      codeOf(() => verifyVodSignature([key], sources({ Sign: valid.Sign.toUpperCase(), T: "1718000600" }), before)),
    ).toBe("accepted");
  });

  test("accepts lower-case sign and t", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({ sign: valid.Sign, t: valid.T }), before))).toBe("accepted");
  });

  test("finds Sign and T in the query string when the body has none", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({}, { Sign: valid.Sign, T: String(valid.T) }), before))).toBe(
      "accepted",
    );
  });

  test("finds sign and t in headers when neither body nor query has them", () => {
    expect(
      codeOf(() => verifyVodSignature([key], sources({}, {}, { sign: valid.Sign, t: String(valid.T) }), before)),
    ).toBe("accepted");
  });

  test("accepts any of several keys, so a key can be rotated", () => {
    expect(codeOf(() => verifyVodSignature(["newKey987", key], sources(valid), before))).toBe("accepted");
  });

  test("refuses a missing Sign", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({ T: valid.T }), before))).toBe("unauthenticated");
  });

  test("refuses a missing T", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({ Sign: valid.Sign }), before))).toBe("unauthenticated");
  });

  test("refuses a T in the past as expired", () => {
    expect(codeOf(() => verifyVodSignature([key], sources(valid), valid.T * 1000 + 1))).toBe("signature_expired");
  });

  test("refuses a Sign computed with another key", () => {
    expect(codeOf(() => verifyVodSignature(["otherKey"], sources(valid), before))).toBe("unauthenticated");
  });

  test("refuses a T changed after signing", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({ ...valid, T: valid.T + 1 }), before))).toBe(
      "unauthenticated",
    );
  });

  test("refuses a malformed Sign", () => {
    expect(codeOf(() => verifyVodSignature([key], sources({ ...valid, Sign: "not-hex" }), before))).toBe(
      "unauthenticated",
    );
  });
});
