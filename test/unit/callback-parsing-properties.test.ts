// Property-based tests (fast-check, fixed seeds) of the pure centre of the callback pipeline, run through
// ingestEvent's own steps up to the statement (prepareEvent): whatever a sender puts in a body, parsing and
// normalising answer with an event or typed issues and never throw; a real payload with one thing wrong keeps what
// the mistake did not reach. The HTTP-level fuzz run is test/reliability/bad-input.test.ts; these find the same
// class of bug in milliseconds, and shrink it.
import fc from "fast-check";
import { recordEventsParams } from "../../src/db/record-event.js";
import { recordEventsParamText } from "../../src/db/record-events-param.js";
import { AppError, isAppError } from "../../src/errors.js";
import { canonicalJson } from "../../src/events/canonical-json.js";
import { findRawStorageHazard } from "../../src/events/find-raw-storage-hazard.js";
import { findStorageHazard } from "../../src/events/find-storage-hazard.js";
import { normaliseEvent, type NormaliseResult } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { prepareEvent, type PreparedEvent } from "../../src/ingest/ingest-event.js";
import { applyPatch } from "../../src/uploads/apply-event.js";
import { fileIdField } from "../../src/events/fields/file-id-field.js";
import { fixtureNames } from "../fixtures/fixture-names.js";
import { loadFixture } from "../fixtures/load-fixture.js";
import { expectEqual } from "../support/expect-equal.js";
import { fieldSources } from "../support/fixture-field-sources.js";
import { callbackLike, hostileJson, nestedArrays, type Json } from "../support/hostile-json.js";
import { applyMutation, mutationOf, related, touches } from "../support/payload-mutation.js";
import { propertySeed } from "../support/property-seed.js";

const SEED = propertySeed(20_240_612);
const FIXTURES = fixtureNames();

/** The body as a sender would write it; canonicalJson, unlike JSON.stringify, takes any nesting depth. */
const asText = (value: Json): string => canonicalJson(value);

/** A body far slower than this is a hang waiting for a bigger input (a backtracking regular expression, …). */
const SLOW_MS = 2_000;

const RECEIVED_AT = new Date("2025-01-01T00:00:00Z");

type Prepared = { refused: AppError } | PreparedEvent;

/** ingestEvent's own steps up to the statement (src/ingest/ingest-event.ts), or the refusal it would answer. */
function prepare(raw: string): Prepared {
  try {
    return prepareEvent({ raw, channel: "push", receivedAt: RECEIVED_AT });
  } catch (error) {
    if (isAppError(error)) return { refused: error };
    throw error;
  }
}

/**
 * Runs the pipeline on `raw` and checks its answer is one of the typed ones; returns the normalise result (null for
 * invalid_json). The checks collect problems and assert once: an expect() per check would dominate the run time.
 */
function expectAnswered(raw: string): NormaliseResult | null {
  const started = performance.now();
  const prepared = prepare(raw);
  const problems = [...problemsOf(prepared)];
  if (performance.now() - started > SLOW_MS) problems.push(`took over ${SLOW_MS} ms`);
  expectEqual(problems, []);
  return "refused" in prepared ? null : prepared.normalised;
}

function* problemsOf(prepared: Prepared): Generator<string> {
  if ("refused" in prepared) {
    if (prepared.refused.code !== "invalid_json") yield `refused with ${prepared.refused.code}`;
    return;
  }
  const { normalised: result, patch } = prepared;
  // The status rule on a new upload, for each file the patch names: what the statement would create.
  const uploads = patch
    ? patch.files.filter((file) => !file.linkOnly).map((file) => applyPatch(null, patch, file, RECEIVED_AT))
    : [];
  for (const file of patch?.files ?? [])
    if (!fileIdField.safeParse(file.fileId).success) yield `unusable linked FileId ${JSON.stringify(file.fileId)}`;
  // The body itself is spliced in only when it has no hazard; it is left out here so the parameter's own nesting
  // stays shallow and findRawStorageHazard judges only what the statement adds.
  const param = recordEventsParamText(recordEventsParams([{ ...prepared, payloadJson: null }])[0]);
  if (result.ok) {
    const event = result.event;
    const fileIds = event.kind === "delete" ? event.fileIds : event.kind === "other" ? [] : [event.fileId];
    for (const fileId of fileIds)
      if (!fileIdField.safeParse(fileId).success) yield `unusable FileId ${JSON.stringify(fileId)}`;
    if (uploads.length !== fileIds.length || uploads.some((upload, i) => upload.fileId !== fileIds[i]))
      yield "uploads do not match the FileIds";
  } else {
    if (result.issues.length === 0) yield "refused without an issue";
    for (const { path, code, message } of result.issues) {
      if (!Array.isArray(path) || path.some((key) => typeof key !== "string" && typeof key !== "number"))
        yield `bad issue path ${JSON.stringify(path)}`;
      if (typeof code !== "string" || typeof message !== "string" || !/\S/.test(message))
        yield `bad issue ${code}: ${message}`;
    }
  }
  // jsonb refuses NUL and lone surrogates (find-storage-hazard.ts): the statement's parameter must hold neither.
  const hazard = findRawStorageHazard(param);
  if (hazard !== null) yield `the statement's jsonb parameter ${hazard}`;
}

describe("the callback pipeline on generated bodies", () => {
  test("answers any JSON value with an event or typed issues, and a non-object with invalid_json", () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, fc.jsonValue()), (value) => void expectAnswered(asText(value as Json))),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  test("answers any body shaped like a callback, in either format, with an event or issues naming a path", () => {
    fc.assert(
      fc.property(callbackLike, (body) => void expectAnswered(asText(body))),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  test("answers any text at all, cut or garbled JSON included, with a body or invalid_json", () => {
    const fixtureText = fc.constantFrom(...FIXTURES).map((name) => JSON.stringify(loadFixture(name)));
    const garbled = fc
      .tuple(fixtureText, fc.nat(), fc.string({ maxLength: 3 }))
      .map(([text, at, insert]) => text.slice(0, at % text.length) + insert + text.slice((at % text.length) + 1));
    fc.assert(
      fc.property(fc.oneof(garbled, fc.string(), fc.string({ unit: "binary" })), (raw) => void expectAnswered(raw)),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  test("finds the same bodies unstorable from their text as from their parsed value", () => {
    const nearTheLimit = fc
      .tuple(hostileJson, fc.constantFrom(0, 998, 999, 1_000))
      .map(([value, levels]) => nestedArrays(levels, value));
    fc.assert(
      fc.property(fc.oneof(hostileJson, callbackLike, nearTheLimit), (value) => {
        expectEqual(
          { inText: findRawStorageHazard(asText(value)) !== null },
          { inText: findStorageHazard(value) !== null },
        );
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });
});

const pick = (event: VodEvent, fields: string[]) =>
  Object.fromEntries(fields.map((field) => [field, (event as unknown as Record<string, unknown>)[field]]));

describe("a real payload with one mutation", () => {
  const fixtures = new Map(FIXTURES.map((name) => [name, loadFixture(name) as Json]));
  const originals = new Map(FIXTURES.map((name) => [name, normaliseEvent(loadFixture(name))]));
  const mutated = fc.oneof(
    ...[...fixtures].map(([name, body]) => mutationOf(body).map((mutation) => ({ name, mutation }))),
  );

  test("names where every field of every fixture comes from", () => {
    expect(FIXTURES.filter((name) => !fieldSources[name])).toEqual([]);
  });

  test("is accepted keeping every field the mutation did not reach, or refused with issues at the mutated path", () => {
    fc.assert(
      fc.property(mutated, ({ name, mutation }) => {
        const body = structuredClone(fixtures.get(name) as Json);
        applyMutation(body, mutation);
        const result = expectAnswered(asText(body));
        const original = originals.get(name);
        if (result === null || !original?.ok)
          throw new Error(`${name} mutated at ${mutation.path.join(".")} is no longer an object`);
        // Another event type means another schema and another kind of event: only "no crash" holds then.
        if (touches(mutation, "EventType") || touches(mutation, "eventType")) return;
        const sources = Object.entries(fieldSources[name] ?? {});
        const kept = sources
          .filter(([, from]) => !from.some((source) => touches(mutation, source)))
          .map(([field]) => field);
        if (result.ok) {
          expectEqual(pick(result.event, kept), pick(original.event, kept));
          return;
        }
        expectEqual(
          result.issues.filter((issue) => !related(issue.path, mutation.path)),
          [],
        );
        expectEqual(
          { eventType: result.eventType, format: result.format },
          pick(original.event, ["eventType", "format"]),
        );
        if (kept.includes("fileId")) expectEqual(result.fileId, pick(original.event, ["fileId"]).fileId);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });
});
