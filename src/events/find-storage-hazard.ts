// PostgreSQL's jsonb refuses, in keys as in values, \u0000 ("unsupported Unicode escape sequence: \u0000 cannot be
// converted to text") and unpaired surrogates ("Unicode low surrogate must follow a high surrogate"); checked on
// PostgreSQL 15. Deep nesting fails too: PostgreSQL 15 with the default max_stack_depth (2MB) hit "stack depth
// limit exceeded" between 10,000 and 20,000 levels, and Node 20's JSON.stringify overflows near 8,000. Real VOD
// bodies are under 10 levels deep, so anything past MAX_NESTING is kept as raw text as well.
// Iterative walk: a body nested deeper than the call stack must get an answer, not a RangeError.
// This asks of a parsed value what find-raw-storage-hazard.ts asks of JSON text; both answer with storageHazards.
import { isStorableText } from "../storable-text.js";

export const MAX_NESTING = 1_000;

/** The reasons both checks give (they land in VodEvent.error). */
export const storageHazards = {
  nul: "contains \\u0000",
  loneSurrogate: "contains a lone surrogate",
  tooDeep: `nested deeper than ${MAX_NESTING} levels`,
} as const;

function findTextHazard(text: string): string | null {
  if (isStorableText(text)) return null;
  return text.includes("\u0000") ? storageHazards.nul : storageHazards.loneSurrogate;
}

export function findStorageHazard(value: unknown): string | null {
  const pending: Array<{ value: unknown; level: number }> = [{ value, level: 1 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.value;
    if (typeof current === "string") {
      const hazard = findTextHazard(current);
      if (hazard !== null) return hazard;
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (item.level > MAX_NESTING) return storageHazards.tooDeep;
    if (Array.isArray(current)) {
      for (const element of current) pending.push({ value: element, level: item.level + 1 });
      continue;
    }
    for (const [key, member] of Object.entries(current)) {
      const hazard = findTextHazard(key);
      if (hazard !== null) return hazard;
      pending.push({ value: member, level: item.level + 1 });
    }
  }
  return null;
}
