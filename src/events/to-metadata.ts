import { isPlainObject } from "./is-plain-object.js";

// Upload.metadata keeps whatever VOD says about the media (size, duration, streams, class, …) under camelCase
// keys. Values that say nothing (null, "", []) are left out, so merging a later event never blanks a known value.
// Keys are rewritten one level into arrays (the stream lists) and no deeper: bounded work on hostile bodies.
// The hot path (issue 13): plain loops, no entry arrays, no rest parameters, and each key's camelCase spelling taken
// from a cache, as every callback repeats the same few dozen VOD member names.

type Source = Record<string, unknown> | null | undefined;

export function toMetadata(first: Source, second?: Source, third?: Source): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (first) addMetadata(metadata, first);
  if (second) addMetadata(metadata, second);
  if (third) addMetadata(metadata, third);
  return metadata;
}

/**
 * Adds the members of `source` that say something to `metadata`, under their camelCase keys, as toMetadata does for
 * each of its sources in turn (a later member of the same key wins). `keys` names members spelt otherwise: a member
 * it maps to null is left out.
 */
export function addMetadata(
  metadata: Record<string, unknown>,
  source: Record<string, unknown>,
  keys?: ReadonlyMap<string, string | null>,
): void {
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    if (saysNothing(value)) continue;
    const spelt = keys?.get(key);
    const to = spelt === undefined ? camelCase(key) : spelt;
    if (to === null) continue;
    define(metadata, to, Array.isArray(value) ? value.map(camelCaseKeys) : value);
  }
}

function saysNothing(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

// Bounded: a hostile body's made-up keys must not grow it for ever; when full it starts again.
const CAMEL_CACHE_SIZE = 4096;
const camelKeys = new Map<string, string>();

function camelCase(key: string): string {
  let camel = camelKeys.get(key);
  if (camel === undefined) {
    camel = key.charAt(0).toLowerCase() + key.slice(1);
    if (camelKeys.size >= CAMEL_CACHE_SIZE) camelKeys.clear();
    camelKeys.set(key, camel);
  }
  return camel;
}

function camelCaseKeys(element: unknown): unknown {
  if (!isPlainObject(element)) return element;
  const rewritten: Record<string, unknown> = {};
  for (const key in element) {
    if (!Object.hasOwn(element, key)) continue;
    const value = element[key];
    if (!saysNothing(value)) define(rewritten, camelCase(key), value);
  }
  return rewritten;
}

/** Assignment, except that a "__proto__" key from a body stays data (an own property), as fromEntries keeps it. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
