import { findRawStorageHazard } from "../../src/events/find-raw-storage-hazard.js";

describe("findRawStorageHazard", () => {
  test.each([
    ["a plain body", '{"EventType":"NewFileUpload","a":"text \\" with [brackets] {in} a string"}', null],
    ["a paired surrogate escape", '{"a":"\\ud83d\\ude00"}', null],
    ["an escaped backslash before u0000", '{"a":"\\\\u0000"}', null],
    ["\\u0000 in a value", '{"a":"x\\u0000y"}', "contains \\u0000"],
    ["\\u0000 in a key that JSON.parse drops as a duplicate", '{"a":"\\u0000","a":"fine"}', "contains \\u0000"],
    ["a lone high surrogate", '{"a":"\\ud800x"}', "contains a lone surrogate"],
    ["a lone low surrogate", '{"a":"x\\udc00"}', "contains a lone surrogate"],
    [
      "a lone low surrogate after the text \\ud800 (an escaped backslash, then ud800)",
      '{"a":"\\\\ud800\\udc00"}',
      "contains a lone surrogate",
    ],
    ["a paired surrogate escape after an escaped backslash", '{"a":"\\\\\\ud83d\\ude00"}', null],
    [
      "deep nesting shadowed by a duplicate key",
      `{"a":${"[".repeat(1001)}${"]".repeat(1001)},"a":""}`,
      "nested deeper than 1000 levels",
    ],
    ["1,000 levels exactly", `${"[".repeat(999)}{}${"]".repeat(999)}`, null],
    // The quick answer (no "\\u", at most 1,000 opening brackets) must not hide what the full scan finds.
    ["1,001 brackets, all inside a string", `{"a":"${"[".repeat(1001)}"}`, null],
    [
      "1,001 levels after a long plain string",
      `{"pad":"${"x".repeat(5000)}","a":${"[".repeat(1001)}${"]".repeat(1001)}}`,
      "nested deeper than 1000 levels",
    ],
    ["1,000 levels of objects and arrays mixed", `${'[{"a":'.repeat(500)}1${"}]".repeat(500)}`, null],
    [
      "1,001 levels of objects and arrays mixed",
      `[${'{"a":['.repeat(500)}1${"]}".repeat(500)}]`,
      "nested deeper than 1000 levels",
    ],
    ["\\u0000 at the end of a long plain body", `{"pad":"${"x".repeat(5000)}","a":"\\u0000"}`, "contains \\u0000"],
  ])("%s", (_name, text, expected) => {
    expect(findRawStorageHazard(text)).toBe(expected);
  });
});
