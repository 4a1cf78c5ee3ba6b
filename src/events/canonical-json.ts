import { isPlainObject } from "./is-plain-object.js";

// The canonical text of a parsed JSON value: object keys sorted (by UTF-16 code units, sort()'s default), arrays
// in order, no whitespace, strings and numbers written by JSON.stringify (which escapes \u0000 and lone
// surrogates, so the text is always well-formed). Hazard: this text is what stored dedupe keys were hashed from
// (dedupe-key.ts), so it must never change by a byte; test/unit/canonical-json-stability.test.ts holds it to a
// frozen copy of the first implementation.
// Real bodies are a few levels deep and take the recursive writer (the hot path: no object per value). JSON.parse
// accepts nesting far deeper than the call stack (500,000 levels fit in a 1 MiB body), so past FAST_DEPTH the
// iterative writer starts over: a hostile body must not crash the ingest.

const FAST_DEPTH = 200;
const tooDeep = new RangeError("nested deeper than the recursive writer goes");

type Step = { text: string } | { value: unknown };

export function canonicalJson(value: unknown): string {
  try {
    return write(value, 0);
  } catch (error) {
    if (error !== tooDeep) throw error;
    return writeIteratively(value);
  }
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
