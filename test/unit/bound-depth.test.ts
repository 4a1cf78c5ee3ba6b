import { boundDepth } from "../../src/uploads/bound-depth.js";
import { nestedArrays } from "../support/hostile-json.js";

describe("boundDepth (what an upload row keeps of a body's metadata)", () => {
  test("keeps 16 levels and cuts deeper values to null", () => {
    expect(boundDepth({ a: nestedArrays(20, "x") })).toEqual({ a: nestedArrays(15, null) });
  });

  test("rewrites NUL and lone surrogates in keys at any kept level to U+FFFD, which jsonb refuses there as in values", () => {
    const metadata = { "a\u0000": 1, tags: [{ "\ud800b": { "\udc00": true } }], "😀": "paired surrogates stay" };
    expect(boundDepth(metadata)).toEqual({
      "a\uFFFD": 1,
      tags: [{ "\uFFFDb": { "\uFFFD": true } }],
      "😀": "paired surrogates stay",
    });
  });

  test("leaves values as they are: the statement's replacer cleans those (record-event.ts)", () => {
    expect(boundDepth({ name: "a\u0000\ud800" })).toEqual({ name: "a\u0000\ud800" });
  });
});
