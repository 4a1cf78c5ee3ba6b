// Property-based tests (fast-check, fixed seed) of dedupeKey (DESIGN §4): the sha256 of the canonical body without
// the top-level delivery fields. So two deliveries get one key exactly when their content is the same JSON, whatever
// its key order; examples of each rule: test/unit/events-dedupe-key.test.ts.
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { expectEqual } from "../support/expect-equal.js";
import { callbackLike, hostileJson, nearTheLimit, type Json } from "../support/hostile-json.js";
import { applyMutation, mutationOf } from "../support/payload-mutation.js";
import {
  legacyFileDeleted,
  legacyNewFileUpload,
  legacyProcedure,
  v3FileDeleted,
  v3NewFileUpload,
  v3Procedure,
} from "../support/vod-payloads.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_240_612);
const DELIVERY_KEYS = ["Sign", "T", "sign", "t", "EventHandle"];

/** The same JSON with the members of every object in another order, drawn from `order`. */
function reordered(value: Json, order: fc.GeneratorValue): Json {
  if (Array.isArray(value)) return value.map((item) => reordered(item, order));
  if (value === null || typeof value !== "object") return value;
  const left = Object.entries(value);
  const shuffled: typeof left = [];
  while (left.length > 0) shuffled.push(left.splice(order(fc.nat, { max: left.length - 1 }), 1)[0]!);
  // Integer-like keys still come first, in ascending order: JavaScript objects keep them so, whatever the text said.
  return Object.fromEntries(shuffled.map(([key, member]) => [key, reordered(member, order)]));
}

/** What dedupeKey is meant to see: the JSON a sender meant (JSON.stringify turns -0 into 0), minus delivery fields. */
function content(body: Record<string, Json>): unknown {
  const parsed = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  for (const key of DELIVERY_KEYS) delete parsed[key];
  return parsed;
}

const deliveryFields = fc.dictionary(fc.constantFrom(...DELIVERY_KEYS), hostileJson, { noNullPrototype: true });

describe("dedupeKey on generated bodies", () => {
  test("gives a body the same key whatever its key order at every level and whatever delivery fields came with it", () => {
    fc.assert(
      fc.property(callbackLike, deliveryFields, fc.gen(), (body, delivery, order) => {
        const delivered = reordered({ ...body, ...delivery }, order) as Record<string, Json>;
        expectEqual(dedupeKey(delivered), dedupeKey(body));
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  test("gives two bodies one key exactly when their content is the same JSON", () => {
    const pairs = callbackLike.chain((body) => mutationOf(body, nearTheLimit).map((mutation) => ({ body, mutation })));
    fc.assert(
      fc.property(pairs, ({ body, mutation }) => {
        const changed = structuredClone(body);
        applyMutation(changed, mutation);
        expectEqual(dedupeKey(changed) === dedupeKey(body), isDeepStrictEqual(content(changed), content(body)));
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  test("tells apart real payloads that name different FileIds, in either format", () => {
    const fileId = fc.stringMatching(/^[1-9][0-9]{0,19}$/);
    const payloads = [
      v3NewFileUpload,
      (id: string) => v3Procedure(id),
      (id: string) => v3Procedure(id, "processing"),
      (id: string) => v3FileDeleted(id),
      (id: string) => v3FileDeleted(id, { partial: true }),
      legacyNewFileUpload,
      legacyProcedure,
      legacyFileDeleted,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...payloads), fileId, fileId, (payload, a, b) => {
        expectEqual(dedupeKey(payload(a)) === dedupeKey(payload(b)), a === b);
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  test("tells apart a real payload and the same payload with another event type", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (eventType) => {
        const body = v3NewFileUpload("5285890784273533167");
        expectEqual(dedupeKey({ ...body, EventType: eventType }) === dedupeKey(body), eventType === "NewFileUpload");
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
