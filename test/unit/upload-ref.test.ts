import { isUploadId, newUploadId, parseUploadRef, wellFormedUploadId } from "../../src/uploads/upload-ref.js";

describe("parseUploadRef", () => {
  test.each([
    ["our own id", "upl_a1B2c3D4e5F6g7H8", { kind: "id", id: "upl_a1B2c3D4e5F6g7H8" }],
    ["a VOD FileId", "5285890784273533167", { kind: "fileId", fileId: "5285890784273533167" }],
    ["a FileId that only contains upl_", "x_upl_1", { kind: "fileId", fileId: "x_upl_1" }],
    ["the prefix in another case, which is not ours", "UPL_1", { kind: "fileId", fileId: "UPL_1" }],
  ])("reads %s", (_name, ref, expected) => {
    expect(parseUploadRef(ref)).toEqual(expected);
    expect(isUploadId(ref)).toBe(expected.kind === "id");
  });
});

describe("newUploadId", () => {
  test("makes distinct ids that read as ours and pass the cursor's check", () => {
    const ids = Array.from({ length: 100 }, newUploadId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(parseUploadRef(id)).toEqual({ kind: "id", id });
      expect(wellFormedUploadId.test(id)).toBe(true);
    }
  });
});
