import { newUploadId, wellFormedUploadId } from "../../src/uploads/upload-ref.js";

describe("newUploadId drawn from its entropy pool", () => {
  test("never repeats an id across several refills of the pool, each id carrying 96 bits", () => {
    const ids = Array.from({ length: 5_000 }, () => newUploadId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(wellFormedUploadId.test(id)).toBe(true);
      expect(Buffer.from(id.slice("upl_".length), "base64url")).toHaveLength(12);
    }
  });
});
