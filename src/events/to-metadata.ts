import { isPlainObject } from "./is-plain-object.js";

// Upload.metadata keeps whatever VOD says about the media (size, duration, streams, class, …) under camelCase
// keys. Values that say nothing (null, "", []) are left out, so merging a later event never blanks a known value.
// Keys are rewritten one level into arrays (the stream lists) and no deeper: bounded work on hostile bodies.
// Plain loops, no entry arrays: this runs for every event on the hot path.
export function toMetadata(...sources: Array<Record<string, unknown> | null | undefined>): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const source of sources) {
    if (source === null || source === undefined) continue;
    for (const key of Object.keys(source)) {
      const value = source[key];
      if (saysNothing(value)) continue;
      define(metadata, camelCase(key), Array.isArray(value) ? value.map(camelCaseKeys) : value);
    }
  }
  return metadata;
}

function saysNothing(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function camelCase(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

function camelCaseKeys(element: unknown): unknown {
  if (!isPlainObject(element)) return element;
  const rewritten: Record<string, unknown> = {};
  for (const key of Object.keys(element)) {
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
