// One mutation of a real VOD payload, for property tests: a member deleted, a value retyped to another JSON type,
// replaced with an odd string or a deep nesting, or a member added (an unknown one, or one the schemas read) to any
// object. Paths are lists of keys and indexes from the body's root; an added member's path ends in its new key.
import fc from "fast-check";
import { deepValue, hostileJson, oddNumber, oddString, SCHEMA_KEYS, schemaValue, type Json } from "./hostile-json.js";

export type JsonPath = Array<string | number>;

/** Retyping is a replacement by a value of another JSON type. */
export type Change = { kind: "delete" } | { kind: "replace"; value: Json };

export interface Mutation {
  path: JsonPath;
  change: Change;
}

type JsonType = "string" | "number" | "boolean" | "null" | "array" | "object";
const JSON_TYPES: JsonType[] = ["string", "number", "boolean", "null", "array", "object"];

/** The path of every member and element under the root (not the root itself), down to MAX_PATH_LENGTH. */
export function pathsOf(value: Json, at: JsonPath = []): JsonPath[] {
  if (at.length === MAX_PATH_LENGTH) return [];
  const children: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...at, key], ...pathsOf(child, [...at, key])]);
}

/** Real payloads are at most 8 levels deep; a generated 1,000-level nesting would give a million paths. */
const MAX_PATH_LENGTH = 12;

const VALUE_OF_TYPE: Record<JsonType, fc.Arbitrary<Json>> = {
  string: oddString,
  number: oddNumber,
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(hostileJson, { maxLength: 3 }),
  object: fc.dictionary(oddString, hostileJson, { maxKeys: 3, noNullPrototype: true }),
};

/** The changes of a value of `type`: built once per type, not on every run (building arbitraries is not free). */
const changeOf = (type: JsonType, deep: fc.Arbitrary<Json>): fc.Arbitrary<Change> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: "delete" as const }) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(...JSON_TYPES.filter((other) => other !== type).map((other) => VALUE_OF_TYPE[other]))
        .map((retyped) => ({ kind: "replace" as const, value: retyped })),
    },
    { weight: 3, arbitrary: oddString.map((odd) => ({ kind: "replace" as const, value: odd })) },
    { weight: 1, arbitrary: deep.map((nested) => ({ kind: "replace" as const, value: nested })) },
  );

/** `deep`: the nestings to try; JSON.stringify and isDeepStrictEqual overflow past ~8,000 levels. */
export function mutationOf(body: Json, deep = deepValue): fc.Arbitrary<Mutation> {
  const paths = pathsOf(body);
  const objects = [[], ...paths].filter((path) => isObject(valueAt(body, path)));
  const added = fc.record({
    at: fc.constantFrom(...objects),
    key: fc.oneof(fc.constantFrom(...SCHEMA_KEYS), oddString),
    value: fc.oneof(schemaValue, hostileJson),
  });
  const changes = Object.fromEntries(JSON_TYPES.map((type) => [type, changeOf(type, deep)])) as Record<
    JsonType,
    fc.Arbitrary<Change>
  >;
  const changed = fc
    .constantFrom(...paths)
    .chain((path) => changes[jsonTypeOf(valueAt(body, path))].map((change) => ({ path, change })));
  return fc.oneof(
    { weight: 4, arbitrary: changed },
    {
      weight: 1,
      arbitrary: added.map(({ at, key, value }) => ({
        path: [...at, key],
        change: { kind: "replace" as const, value },
      })),
    },
  );
}

const isObject = (value: Json): value is { [key: string]: Json } =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const valueAt = (body: Json, path: JsonPath): Json => path.reduce<any>((node, key) => node[key], body);

/** Applies the mutation in place; the body must be a fresh copy. */
export function applyMutation(body: Json, { path, change }: Mutation): void {
  const parent = valueAt(body, path.slice(0, -1)) as any;
  const key = path[path.length - 1] as string | number;
  if (change.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return;
  }
  // Defined, not assigned: "__proto__" must become a member, as JSON.parse makes it.
  Object.defineProperty(parent, key, { value: change.value, enumerable: true, writable: true, configurable: true });
}

function jsonTypeOf(value: Json): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
}

/**
 * Did the mutation reach `source` (a dotted path, "*" for any key or index)? It did when it changed the source itself,
 * an ancestor of it, or something inside it.
 */
export function touches({ path }: Mutation, source: string): boolean {
  const pattern = source.split(".");
  const shared = Math.min(pattern.length, path.length);
  for (let index = 0; index < shared; index += 1) {
    if (pattern[index] !== "*" && pattern[index] !== String(path[index])) return false;
  }
  return true;
}

/** Is one path the other or inside it? */
export const related = (a: JsonPath, b: JsonPath): boolean =>
  a.slice(0, Math.min(a.length, b.length)).every((key, index) => String(key) === String(b[index]));
