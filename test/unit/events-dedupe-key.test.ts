import { createHash } from "node:crypto";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { loadFixture } from "../fixtures/load-fixture.js";

const FIXTURES = fixtureNames();

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("dedupeKey", () => {
  it("is the sha256 hex of the body as canonical JSON: keys sorted at every level, arrays in order", () => {
    const body = { b: 1, a: [{ y: "é", x: null }, 2.5, true], c: { "": 0 } };
    expect(dedupeKey(body)).toBe(sha256('{"a":[{"x":null,"y":"é"},2.5,true],"b":1,"c":{"":0}}'));
  });

  it.each<[string, Record<string, unknown>]>([
    ["Sign and T", { Sign: "5ec3f0e0c574199f720eabcc70fa1d38", T: 1718000600 }],
    ["sign and t", { sign: "5ec3f0e0c574199f720eabcc70fa1d38", t: "1718000600" }],
    ["EventHandle", { EventHandle: "EventHandle.0bc4b9f3e1d24c5a" }],
  ])("ignores the top-level %s of a delivery", (_, delivery) => {
    const body = loadFixture("v3/new-file-upload");
    expect(dedupeKey({ ...body, ...delivery })).toBe(dedupeKey(body));
    expect(dedupeKey({ ...delivery, ...body })).toBe(dedupeKey(body));
  });

  it("gives the same key whatever the key order of the body", () => {
    const body = loadFixture("v3/procedure-finish-success");
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(dedupeKey(reordered)).toBe(dedupeKey(body));
  });

  it("changes when the order of an array changes", () => {
    expect(dedupeKey({ FileIdSet: ["1", "2"] })).not.toBe(dedupeKey({ FileIdSet: ["2", "1"] }));
  });

  it("keeps Sign, T and EventHandle below the top level as content", () => {
    const body = loadFixture("v3/pull-complete") as { PullCompleteEvent: Record<string, unknown> };
    const withNestedSign = loadFixture("v3/pull-complete") as typeof body;
    withNestedSign.PullCompleteEvent["Sign"] = "abc";
    expect(dedupeKey(withNestedSign)).not.toBe(dedupeKey(body));
  });

  it("gives every fixture its own key, so a v3 and a 2017-format body of one upload are two events", () => {
    const keys = FIXTURES.map((name) => dedupeKey(loadFixture(name)));
    expect(new Set(keys).size).toBe(FIXTURES.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("distinguishes a number from the same digits sent as a string", () => {
    expect(dedupeKey({ FileId: 12 })).not.toBe(dedupeKey({ FileId: "12" }));
  });

  it("hashes strings that PostgreSQL refuses, and nesting deeper than the call stack, without throwing", () => {
    expect(dedupeKey({ a: "\u0000", b: "\ud800" })).toBe(sha256('{"a":"\\u0000","b":"\\ud800"}'));
    const depth = 200_000;
    const deep = JSON.parse(`{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    expect(dedupeKey(deep)).toBe(sha256(`{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`));
  });
});
