import { findStorageHazard } from "../../src/events/find-storage-hazard.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { loadFixture } from "../fixtures/load-fixture.js";

const nested = (levels: number): unknown => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);

describe("findStorageHazard", () => {
  it.each<[string, unknown, string]>([
    ["\\u0000 in a value", { a: { b: ["ok", "x\u0000y"] } }, "contains \\u0000"],
    ["\\u0000 in a key", { a: { "k\u0000": 1 } }, "contains \\u0000"],
    ["a lone high surrogate", { a: "abc\ud800" }, "contains a lone surrogate"],
    ["a lone low surrogate", ["\udc00abc"], "contains a lone surrogate"],
    ["a surrogate pair in the wrong order", "\ude00\ud83d", "contains a lone surrogate"],
    ["a lone surrogate in a key", { "\ud83d": true }, "contains a lone surrogate"],
    [
      "a lone surrogate parsed from a JSON escape",
      JSON.parse('{"EventType":"x","Name":"\\ud800"}'),
      "contains a lone surrogate",
    ],
    [
      "nesting deeper than PostgreSQL and the call stack take",
      { a: nested(100_000) },
      "nested deeper than 1000 levels",
    ],
  ])("reports %s", (_, value, reason) => {
    expect(findStorageHazard(value)).toBe(reason);
  });

  it.each<[string, unknown]>([
    ["a surrogate pair (emoji)", { name: "clip 😀", "😀": "key" }],
    ["a backslash followed by u0000 as plain text", { name: "\\u0000" }],
    ["primitives", [null, 0, true, "", -1.5]],
    ["moderate nesting", { a: nested(100) }],
    ["a plain string", "hello"],
    ["null", null],
  ])("accepts %s", (_, value) => {
    expect(findStorageHazard(value)).toBeNull();
  });

  it.each(fixtureNames())("finds nothing in the fixture %s", (name) => {
    expect(findStorageHazard(loadFixture(name))).toBeNull();
  });
});
