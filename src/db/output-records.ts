// An event's outputs and tasks as the statement's parameter carries them ("outputs" and "tasks" beside "files",
// each with its item index i; output-steps-sql.ts reads them with jsonb_to_recordset). The normalisers decide which
// outputs are worth keeping (and note the others on the event); this is the last guard before the typed columns: a
// value a column cannot hold (a 33-bit width, a fraction in a bigint, a year 0 — each would fail the whole group's
// statement) is dropped to null, and a row whose key cannot be stored is left out. Within one event a key is kept
// once (one statement cannot update a row twice): the later result by the order of output-steps-sql.ts, else the
// later one in the list. Dates are ISO text, bitrate and size safe integers.
import { outputKinds, type OutputKind } from "../events/vod-output.js";
import type { PatchOutput, PatchTask } from "../uploads/upload-patch.js";

const kinds = new Set<string>(outputKinds);
const INT4 = 2 ** 31;
/** A key column longer than this could overflow a B-tree entry (~2.7 kB); VOD's ids are tens of characters. */
const MAX_KEY = 500;

export function outputRecords(outputs: readonly PatchOutput[], i: number, receivedAt: Date): object[] {
  const byKey = new Map<string, { at: number; record: object }>();
  for (const output of outputs) {
    if (!isKey(output.fileId) || !isInt4(output.definition)) continue;
    const kind: OutputKind = kinds.has(output.kind) ? output.kind : "other";
    const finishedAt = storableDate(output.finishedAt);
    const at = (finishedAt ?? receivedAt).getTime();
    const key = `${output.fileId}\n${kind}\n${output.definition}`;
    const kept = byKey.get(key);
    if (kept && kept.at > at) continue;
    byKey.set(key, {
      at,
      record: {
        i,
        fileId: output.fileId,
        kind,
        definition: output.definition,
        url: text(output.url),
        container: text(output.container),
        width: isInt4(output.width) && output.width >= 0 ? output.width : null,
        height: isInt4(output.height) && output.height >= 0 ? output.height : null,
        bitrate: count(output.bitrate),
        size: count(output.size),
        duration: typeof output.duration === "number" && Number.isFinite(output.duration) ? output.duration : null,
        md5: text(output.md5),
        drmType: text(output.drmType),
        details: isObject(output.details) ? output.details : {},
        taskId: text(output.taskId),
        subtask: text(output.subtask),
        finishedAt,
      },
    });
  }
  return [...byKey.values()].map(({ record }) => record);
}

export function taskRecords(tasks: readonly PatchTask[], i: number): object[] {
  const byKey = new Map<string, object>();
  for (const task of tasks) {
    if (!isKey(task.fileId) || !isKey(task.taskId)) continue;
    byKey.set(`${task.fileId}\n${task.taskId}`, {
      i,
      fileId: task.fileId,
      taskId: task.taskId,
      kind: text(task.kind) ?? "Other",
      status: text(task.status) ?? "PROCESSING",
      failed: task.failed === true,
      errCode: isInt4(task.errCode) ? task.errCode : null,
      message: text(task.message),
      subtasks: Array.isArray(task.subtasks) ? task.subtasks : [],
      beganAt: storableDate(task.beganAt),
      finishedAt: storableDate(task.finishedAt),
    });
  }
  return [...byKey.values()];
}

/** UploadPatch.derivedFrom as stored: the FileIds that can be. */
export function derivedFromRecord(fileIds: unknown): string[] | null {
  return Array.isArray(fileIds) ? fileIds.filter(isKey) : null;
}

function isKey(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value.length <= MAX_KEY;
}

function isInt4(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= -INT4 && value < INT4;
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// PostgreSQL has no year 0 and JavaScript none past 275760; timestamptz is read back as a Date (1970 to 9999).
function storableDate(date: unknown): Date | null {
  if (!(date instanceof Date)) return null;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date : null;
}
