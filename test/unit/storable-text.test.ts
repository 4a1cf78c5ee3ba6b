import fc from "fast-check";
import { findStorageHazard } from "../../src/events/find-storage-hazard.js";
import { isStorableText, toStorableText } from "../../src/storable-text.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_261_212);

describe("isStorableText", () => {
  test.each([
    ["plain text", "order-1001", true],
    ["a surrogate pair (emoji)", "clip 😀", true],
    ["the empty string", "", true],
    ["a backslash followed by u0000 as plain text", "\\u0000", true],
    ["NUL", "a\u0000b", false],
    ["a lone high surrogate", "abc\ud800", false],
    ["a lone low surrogate", "\udc00abc", false],
    ["a surrogate pair in the wrong order", "\ude00\ud83d", false],
  ])("judges %s", (_name, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  test("agrees with the payload check and with its own repair on any UTF-16 text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.string({ unit: fc.constantFrom("a", "\u0000", "\ud800", "\udc00") }),
        (some, hazardous) => {
          for (const text of [some, hazardous]) {
            expect(findStorageHazard(text) === null).toBe(isStorableText(text));
            expect(isStorableText(toStorableText(text))).toBe(true);
            if (isStorableText(text)) expect(toStorableText(text)).toBe(text);
          }
        },
      ),
      { seed: SEED, numRuns: 2_000 },
    );
  });
});
