// Stored VodEvent rows hold dedupe keys computed by the first implementation of dedupeKey; a redelivery of an old
// event is recognised only if today's function gives it the very same key. frozenDedupeKey below is that first
// implementation, copied verbatim and never to be edited: dedupeKey (however it is made faster) must agree with
// it byte for byte on every body, hostile or deep ones included.
import fc from "fast-check";
import { createHash } from "node:crypto";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { callbackLike, deepValue, hostileJson, nestedArrays, type Json } from "../support/hostile-json.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_261_206);

type Step = { text: string } | { value: unknown };

function frozenCanonicalJson(value: unknown): string {
  const out: string[] = [];
  const steps: Step[] = [{ value }];
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ("text" in step) {
      out.push(step.text);
      continue;
    }
    const current = step.value;
    if (Array.isArray(current)) {
      steps.push({ text: "]" });
      current.forEach((_, index) => {
        const at = current.length - 1 - index;
        steps.push({ value: current[at] ?? null });
        if (at > 0) steps.push({ text: "," });
      });
      steps.push({ text: "[" });
    } else if (typeof current === "object" && current !== null) {
      const object = current as Record<string, unknown>;
      const keys = Object.keys(object)
        .filter((key) => object[key] !== undefined)
        .sort()
        .reverse();
      steps.push({ text: "}" });
      keys.forEach((key, index) => {
        steps.push({ value: object[key] }, { text: `${JSON.stringify(key)}:` });
        if (index < keys.length - 1) steps.push({ text: "," });
      });
      steps.push({ text: "{" });
    } else {
      out.push(JSON.stringify(current) ?? "null");
    }
  }
  return out.join("");
}

const DELIVERY_KEYS = new Set(["Sign", "T", "sign", "t", "EventHandle"]);

function frozenDedupeKey(body: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(body).filter(([key]) => !DELIVERY_KEYS.has(key)));
  return createHash("sha256").update(frozenCanonicalJson(content), "utf8").digest("hex");
}

/** A body as the ingest sees it: parsed from the text a sender wrote. */
const parsed = (body: Json): Record<string, unknown> => JSON.parse(JSON.stringify(body)) as Record<string, unknown>;

const delivery = fc.dictionary(fc.constantFrom(...DELIVERY_KEYS), hostileJson, { noNullPrototype: true });

describe("dedupeKey against the keys stored databases hold", () => {
  test("gives every real VOD payload the key the first implementation gave it", () => {
    for (const name of fixtureNames()) {
      const body = loadFixture(name);
      expect(dedupeKey(body)).toBe(frozenDedupeKey(body));
    }
  });

  test("gives generated and hostile bodies, delivery fields included, the key the first implementation gave them", () => {
    fc.assert(
      fc.property(callbackLike, delivery, hostileJson, (body, fields, extra) => {
        const delivered = parsed({ ...fields, ...body, extra });
        expect(dedupeKey(delivered)).toBe(frozenDedupeKey(delivered));
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  test("gives bodies nested deeper than the call stack the key the first implementation gave them", () => {
    fc.assert(
      fc.property(deepValue, fc.integer({ min: 150, max: 260 }), (deep, levels) => {
        const body = { EventType: "NewFileUpload", deep, edge: nestedArrays(levels, { b: 1, a: [2] }) };
        expect(dedupeKey(body)).toBe(frozenDedupeKey(body));
      }),
      { seed: SEED, numRuns: 50 },
    );
    const hostile = JSON.parse(`{"EventType":"x","a":${"[".repeat(300_000)}${"]".repeat(300_000)}}`) as Record<
      string,
      unknown
    >;
    expect(dedupeKey(hostile)).toBe(frozenDedupeKey(hostile));
  });
});
