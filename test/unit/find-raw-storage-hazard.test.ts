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
  ])("%s", (_name, text, expected) => {
    expect(findRawStorageHazard(text)).toBe(expected);
  });
});
