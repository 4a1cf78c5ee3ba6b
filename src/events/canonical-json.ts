import { isPlainObject } from "./is-plain-object.js";

// The canonical text of a parsed JSON value: object keys sorted (by UTF-16 code units, sort()'s default), arrays
// in order, no whitespace, strings and numbers written by JSON.stringify (which escapes \u0000 and lone
// surrogates, so the text is always well-formed). Iterative on purpose: JSON.parse accepts nesting far deeper than
// the call stack (500,000 levels fit in a 1 MiB body), and a hostile body must not crash the ingest.

type Step = { text: string } | { value: unknown };

export function canonicalJson(value: unknown): string {
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
      // undefined (only possible inside arrays) is written as JSON.stringify writes it there: null.
      out.push(JSON.stringify(current) ?? "null");
    }
  }
  return out.join("");
}
