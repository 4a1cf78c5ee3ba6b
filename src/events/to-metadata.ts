import { isPlainObject } from "./is-plain-object.js";

// Upload.metadata keeps whatever VOD says about the media (size, duration, streams, class, …) under camelCase
// keys. Values that say nothing (null, "", []) are left out, so merging a later event never blanks a known value.
// Keys are rewritten one level into arrays (the stream lists) and no deeper: bounded work on hostile bodies.
export function toMetadata(...sources: Array<Record<string, unknown> | null | undefined>): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [];
  for (const source of sources) {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (saysNothing(value)) continue;
      entries.push([camelCase(key), Array.isArray(value) ? value.map(camelCaseKeys) : value]);
    }
  }
  // fromEntries defines own properties: a "__proto__" key in a body stays data.
  return Object.fromEntries(entries);
}

function saysNothing(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function camelCase(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

function camelCaseKeys(element: unknown): unknown {
  if (!isPlainObject(element)) return element;
  return Object.fromEntries(
    Object.entries(element)
      .filter(([, value]) => !saysNothing(value))
      .map(([key, value]) => [camelCase(key), value]),
  );
}
