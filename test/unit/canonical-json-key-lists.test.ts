// canonicalJson keeps each key list it meets with its sorted order, found by the list's first key (issue 13). A cached
// order used for the wrong list would change a dedupe key, so these hold it to a plain sorted writer on lists that
// share a first key, reorder the same keys, outgrow the cache, or hold keys the sorted copy cannot take. Shapes from
// the real NewFileUpload (test/fixtures/v3/new-file-upload.json, vod-reference §9.1).
import { canonicalJson } from "../../src/events/canonical-json.js";
import { loadFixture } from "../fixtures/load-fixture.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The canonical text written the obvious way: keys sorted by sort(), JSON.stringify for every leaf. */
function sortedText(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(sortedText).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedText(value[key] as Json)}`).join(",")}}`;
}

const parsed = (text: string): Json => JSON.parse(text) as Json;

describe("canonicalJson's key lists", () => {
  test("gives a body the same text the first time and once its key lists are known", () => {
    const body = loadFixture("v3/new-file-upload") as Json;
    const first = canonicalJson(body);
    expect(canonicalJson(parsed(JSON.stringify(body)))).toBe(first);
    expect(first).toBe(sortedText(body));
  });

  test("tells apart key lists that share a first key, a length, or the same keys in another order", () => {
    const bodies = [
      '{"Size":1,"Container":"mp4","Bitrate":2}',
      '{"Size":1,"Bitrate":2,"Container":"mp4"}',
      '{"Size":1,"Container":"mp4","Width":2}',
      '{"Size":1,"Container":"mp4"}',
      '{"Size":1,"Container":"mp4","Bitrate":2,"Height":3}',
      '{"Container":"mp4","Size":1,"Bitrate":2}',
      '{"":0,"Size":1}',
      "{}",
      '{"":{"":[{"":null}]}}',
    ];
    for (let round = 0; round < 2; round += 1)
      for (const text of bodies) expect(canonicalJson(parsed(text))).toBe(sortedText(parsed(text)));
  });

  test("stays right with more key lists under one first key than it keeps", () => {
    const texts = Array.from({ length: 40 }, (_, n) => `{"Size":1,"k${n}":${n},"b${n % 7}":true,"a":[{"z":1,"y":2}]}`);
    for (let round = 0; round < 2; round += 1)
      for (const text of texts) expect(canonicalJson(parsed(text))).toBe(sortedText(parsed(text)));
  });

  test("stays right with more first keys than it keeps, then on the lists it knew before", () => {
    const known = loadFixture("v3/new-file-upload") as Json;
    const expected = sortedText(known);
    expect(canonicalJson(known)).toBe(expected);
    for (let n = 0; n < 3_000; n += 1) {
      const text = `{"first${n}":{"y":${n},"x":[${n}]},"b":1}`;
      expect(canonicalJson(parsed(text))).toBe(sortedText(parsed(text)));
    }
    expect(canonicalJson(known)).toBe(expected);
  });

  test("takes integer-like and __proto__ keys in sorted order, first seen or not", () => {
    const texts = ['{"b":1,"10":2,"9":3,"a":{"2":0,"10":1}}', '{"__proto__":{"b":1,"a":2},"z":0,"_":1}'];
    for (let round = 0; round < 2; round += 1)
      for (const text of texts) expect(canonicalJson(parsed(text))).toBe(sortedText(parsed(text)));
  });

  test("leaves the omitted keys out of the top level only, whatever it knows of that key list", () => {
    const omit = new Set(["Sign", "T"]);
    const text = '{"T":1,"Sign":"s","EventType":"NewFileUpload","inner":{"T":2,"Sign":"kept"}}';
    const expected = '{"EventType":"NewFileUpload","inner":{"Sign":"kept","T":2}}';
    expect(canonicalJson(parsed(text), omit)).toBe(expected);
    expect(canonicalJson(parsed(text), omit)).toBe(expected);
    expect(canonicalJson(parsed(text))).toBe(sortedText(parsed(text)));
  });
});
