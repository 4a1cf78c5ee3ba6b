import { isPlainObject } from "./is-plain-object.js";

// The canonical text of a parsed JSON value: object keys sorted (by UTF-16 code units, sort()'s default), arrays
// in order, no whitespace, strings and numbers written by JSON.stringify (which escapes \u0000 and lone
// surrogates, so the text is always well-formed). Hazard: this text is what stored dedupe keys were hashed from
// (dedupe-key.ts), so it must never change by a byte; test/unit/dedupe-key-stability.test.ts holds it to a
// frozen copy of the first implementation.
// The hot path (issue 13): a copy of the value whose objects take their keys in sorted order, written by ONE
// JSON.stringify, whose native writer is several times faster than a writer in JavaScript calling it per string.
// A copy keeps its keys in insertion order except two kinds, which take the writer below instead: integer-like keys
// ("42": V8 puts array indices first, in numeric order, where sort() puts "10" before "9"; any key starting with a
// digit, to be safe) and "__proto__" (an assignment would set the prototype). Real bodies are a few levels deep; past
// FAST_DEPTH the writer takes over too, and JSON.parse accepts nesting far deeper than the call stack (500,000
// levels fit in a 1 MiB body), so the recursive writer gives way to the iterative one: a hostile body must not
// crash the ingest.

const FAST_DEPTH = 200;
const tooDeep = new RangeError("nested deeper than the recursive writer goes");
/** What sortedCopy answers for a value it cannot copy in canonical order. */
const unsortable = Symbol("unsortable");

type Step = { text: string } | { value: unknown };

/** `omit`: keys left out of the top-level object only (the delivery fields of dedupe-key.ts). */
export function canonicalJson(value: unknown, omit?: ReadonlySet<string>): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  const copy = sortedCopy(value, 0, omit);
  if (copy !== unsortable) return JSON.stringify(copy);
  const top = omit && !Array.isArray(value) ? without(value as Record<string, unknown>, omit) : value;
  try {
    return write(top, 0);
  } catch (error) {
    if (error !== tooDeep) throw error;
    return writeIteratively(top);
  }
}

function sortedCopy(value: object, depth: number, omit?: ReadonlySet<string>): unknown {
  if (depth === FAST_DEPTH) return unsortable;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) {
      const member: unknown = value[index];
      const copy = typeof member !== "object" || member === null ? member : sortedCopy(member, depth + 1);
      if (copy === unsortable) return unsortable;
      out.push(copy);
    }
    return out;
  }
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(Object.keys(object));
  if (keys === null) return unsortable;
  const out: Record<string, unknown> = {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    if (omit !== undefined && omit.has(key)) continue;
    const member = object[key];
    const copy = typeof member !== "object" || member === null ? member : sortedCopy(member, depth + 1);
    if (copy === unsortable) return unsortable;
    out[key] = copy;
  }
  return out;
}

// Sorting each object's keys was a fifth of this step (issue 13), yet callbacks repeat a few key lists (one per VOD
// object type) over and over. So each key list seen is kept with its sorted order, found by its first key and
// checked key by key (JSON.parse's keys are internalised strings: === compares pointers). Bounded, since a
// hostile sender makes up key lists: at most SHAPES_PER_KEY per first key, and all forgotten when FIRST_KEYS fill.
const FIRST_KEYS = 1024;
const SHAPES_PER_KEY = 8;

interface KeyList {
  keys: readonly string[];
  /** null: a key the copy cannot take in sorted order (see the header). */
  sorted: readonly string[] | null;
}

const keyLists = new Map<string, KeyList[]>();

/** `keys` in sort()'s order, or null when one is integer-like or "__proto__". */
function sortedKeys(keys: string[]): readonly string[] | null {
  const first = keys.length === 0 ? "" : (keys[0] as string);
  let lists = keyLists.get(first);
  if (lists !== undefined) {
    for (const list of lists) if (sameKeys(list.keys, keys)) return list.sorted;
  } else {
    if (keyLists.size >= FIRST_KEYS) keyLists.clear();
    lists = [];
    keyLists.set(first, lists);
  }
  const list = { keys, sorted: canSort(keys) ? [...keys].sort() : null };
  if (lists.length < SHAPES_PER_KEY) lists.push(list);
  return list.sorted;
}

/** Same keys in the same order; the first keys are equal already (they found the list). */
function sameKeys(cached: readonly string[], keys: readonly string[]): boolean {
  if (cached.length !== keys.length) return false;
  for (let index = 1; index < keys.length; index += 1) if (cached[index] !== keys[index]) return false;
  return true;
}

function canSort(keys: readonly string[]): boolean {
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || key === "__proto__") return false;
  }
  return true;
}

/** The object without the omitted keys, as own data properties ("__proto__" included). */
function without(object: Record<string, unknown>, omit: ReadonlySet<string>): Record<string, unknown> {
  const entries = Object.entries(object).filter(([key]) => !omit.has(key));
  return Object.fromEntries(entries);
}

function write(value: unknown, depth: number): string {
  if (typeof value === "string") return JSON.stringify(value);
  // undefined (only possible inside arrays) is written as JSON.stringify writes it there: null.
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (depth === FAST_DEPTH) throw tooDeep;
  let out: string;
  if (Array.isArray(value)) {
    out = "[";
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out += ",";
      out += write((value[index] as unknown) ?? null, depth + 1);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  out = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ",";
    out += `${JSON.stringify(key)}:${write(member, depth + 1)}`;
  }
  return `${out}}`;
}

function writeIteratively(value: unknown): string {
  const out: string[] = [];
  const steps: Step[] = [{ value }];
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ("text" in step) {
      out.push(step.text);
      continue;
    }
    const current = step.value;
    if (Array.isArray(current)) {
      // Pushed in reverse: the stack pops them in order.
      steps.push({ text: "]" });
      current.forEach((_, index) => {
        const at = current.length - 1 - index;
        steps.push({ value: current[at] ?? null });
        if (at > 0) steps.push({ text: "," });
      });
      steps.push({ text: "[" });
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current)
        .filter((key) => current[key] !== undefined)
        .sort()
        .reverse();
      steps.push({ text: "}" });
      keys.forEach((key, index) => {
        steps.push({ value: current[key] }, { text: `${JSON.stringify(key)}:` });
        if (index < keys.length - 1) steps.push({ text: "," });
      });
      steps.push({ text: "{" });
    } else {
      out.push(JSON.stringify(current) ?? "null");
    }
  }
  return out.join("");
}
