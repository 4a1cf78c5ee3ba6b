// The stored Upload against the state the TypeScript rule says it must be in, column by column (every column an
// event can change, upload-columns.ts): one line per column that differs, so a failure names all of them at once.
import { canonicalJson } from "../../src/events/canonical-json.js";
import { eventColumns, type EventColumn } from "../../src/uploads/upload-columns.js";
import type { UploadState } from "../../src/uploads/upload-state.js";

export function diffUploadState(
  label: string,
  rule: UploadState,
  stored: UploadState,
  /** Columns left out, e.g. updatedAt when concurrency decides which event committed last. */
  except: readonly EventColumn[] = [],
): string[] {
  const differences: string[] = [];
  for (const column of eventColumns) {
    if (except.includes(column)) continue;
    const want = comparable(rule[column]);
    const got = comparable(stored[column]);
    if (want !== got) differences.push(`${label}.${column}: stored ${got}, rule ${want}`);
  }
  return differences;
}

function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return canonicalJson(value ?? null);
}
