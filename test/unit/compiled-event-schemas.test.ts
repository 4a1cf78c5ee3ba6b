// The event schemas are compiled (z.compile; src/events/parse-event.ts says why). z.compile hands back a schema it
// cannot compile unchanged, and the promise it makes — same answers, same issues — is held here against each
// schema's runtime twin on the real payloads (test/fixtures/SOURCES.md), on those payloads changed the way a broken
// sender would, and on generated bodies.
import fc from "fast-check";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { fileDeletedLegacySchema } from "../../src/events/legacy/file-deleted-legacy-schema.js";
import { newFileUploadLegacySchema } from "../../src/events/legacy/new-file-upload-legacy-schema.js";
import { procedureStateChangedLegacySchema } from "../../src/events/legacy/procedure-state-changed-legacy-schema.js";
import { transcodeCompleteLegacySchema } from "../../src/events/legacy/transcode-complete-legacy-schema.js";
import { fileDeletedV3Schema } from "../../src/events/v3/file-deleted-v3-schema.js";
import { newFileUploadV3Schema } from "../../src/events/v3/new-file-upload-v3-schema.js";
import { mediaInfoReconcileSchema } from "../../src/events/v3/normalise-media-info-reconcile.js";
import { procedureStateChangedV3Schema } from "../../src/events/v3/procedure-state-changed-v3-schema.js";
import { transcodeCompleteV3Schema } from "../../src/events/v3/transcode-complete-v3-schema.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { callbackLike, type Json } from "../support/hostile-json.js";
import { applyMutation, mutationOf } from "../support/payload-mutation.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_260_113);

type ObjectSchema = z.ZodObject;

const SCHEMAS: Record<string, ObjectSchema> = {
  newFileUploadV3Schema,
  procedureStateChangedV3Schema,
  fileDeletedV3Schema,
  transcodeCompleteV3Schema,
  mediaInfoReconcileSchema,
  newFileUploadLegacySchema,
  procedureStateChangedLegacySchema,
  fileDeletedLegacySchema,
  transcodeCompleteLegacySchema,
};

/** What z.compile installs on the clone it returns: the runtime parser it falls back to, and the generated check. */
type CompiledBag = { fallbackRun?: unknown; validator: (input: unknown) => unknown };
const bagOf = (schema: ObjectSchema) => (schema._zod as unknown as { bag: CompiledBag }).bag;
const isCompiled = (schema: ObjectSchema): boolean => typeof bagOf(schema).fallbackRun === "function";
const validatorOf = (schema: ObjectSchema) => bagOf(schema).validator;

// Deriving a schema from a compiled one gives an uncompiled one (zod's README), with the same shape: the runtime.
const TWINS = Object.entries(SCHEMAS).map(([name, schema]) => [name, schema, schema.extend({})] as const);

/** Every schema's answer on `body` against its twin's; the names of those that differ. */
function disagreements(body: unknown): string[] {
  const differ: string[] = [];
  for (const [name, compiled, runtime] of TWINS) {
    const fast = compiled.safeParse(body);
    const slow = runtime.safeParse(body);
    const same = fast.success
      ? slow.success && isDeepStrictEqual(fast.data, slow.data)
      : !slow.success && isDeepStrictEqual(fast.error.issues, slow.error.issues);
    if (!same) differ.push(name);
  }
  return differ;
}

describe("compiled event schemas", () => {
  test.each(Object.keys(SCHEMAS))("%s is compiled, and its twin is not", (name) => {
    const schema = SCHEMAS[name] as ObjectSchema;
    expect(isCompiled(schema)).toBe(true);
    expect(isCompiled(schema.extend({}))).toBe(false);
  });

  test("answer every real payload as the runtime parser does, a schema of another event type included", () => {
    for (const name of fixtureNames()) expect([name, disagreements(loadFixture(name))]).toEqual([name, []]);
  });

  test("take the compiled path for every real payload they accept", () => {
    let accepted = 0;
    for (const name of fixtureNames()) {
      const body = loadFixture(name);
      for (const [schemaName, compiled, runtime] of TWINS) {
        if (!runtime.safeParse(body).success) continue;
        accepted += 1;
        expect([name, schemaName, validatorOf(compiled)(body) !== z.INVALID]).toEqual([name, schemaName, true]);
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(20);
  });

  test("report the runtime parser's issues for a real payload with one thing wrong", () => {
    for (const name of fixtureNames()) {
      const body = loadFixture(name) as Json;
      fc.assert(
        fc.property(mutationOf(body), (mutation) => {
          const changed = structuredClone(body);
          applyMutation(changed, mutation);
          expect(disagreements(changed)).toEqual([]);
        }),
        { seed: SEED, numRuns: 25 },
      );
    }
  });

  test("answer generated bodies as the runtime parser does", () => {
    fc.assert(
      fc.property(callbackLike, (body) => {
        expect(disagreements(JSON.parse(JSON.stringify(body)))).toEqual([]);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
