// Which of an event's outputs are stored (UploadOutput; issue 14 "Bad input"). An output is skipped, and counted,
// when it cannot be read as a row: a Definition that is not an integer of the int column, no URL (every kind has
// one: image kinds take their first image's, to-vod-output.ts) or a URL that is not storable text or holds control
// characters (in `url`, webVttUrl, imageUrlSet or picInfoSet), a width or height that is not a non-negative 32-bit
// integer, a bitrate or size that is not a non-negative safe integer (bigint columns), a negative or non-finite
// duration. The raw event keeps every one of them. Of outputs with the same (kind, definition), the later wins —
// by finishedAt where both have one, else the one listed later — as in the table (contract, docs/vod-events.md
// §11). At most MAX_OUTPUTS per event are kept (VOD's own flows make about ten); the rest are skipped.
import { isStorableText } from "../../storable-text.js";
import { storableDate } from "../fields/storable-date.js";
import type { VodOutput } from "../vod-output.js";

export const MAX_OUTPUTS = 1_000;

const INT_MAX = 2 ** 31 - 1;

export type FileOutput = VodOutput & { fileId: string };

/** The outputs to store for `fileId`, each a new object (one literal: the hot path copies nothing twice). */
export function selectStorableOutputs(
  outputs: readonly VodOutput[],
  fileId: string,
): { outputs: FileOutput[]; skipped: number } {
  let skipped = 0;
  const kept = new Map<string, FileOutput>();
  for (const output of outputs) {
    if (!isStorable(output)) {
      skipped += 1;
      continue;
    }
    const key = `${output.kind}:${output.definition}`;
    const held = kept.get(key);
    if (held?.finishedAt && output.finishedAt && output.finishedAt < held.finishedAt) continue;
    // Deleted first: a replaced output takes the place of the latest, not of the first.
    kept.delete(key);
    kept.set(key, forFile(output, fileId));
  }
  const selected = [...kept.values()];
  if (selected.length > MAX_OUTPUTS) skipped += selected.length - MAX_OUTPUTS;
  return { outputs: selected.slice(0, MAX_OUTPUTS), skipped };
}

function isStorable(output: VodOutput): boolean {
  return (
    isInt(output.definition, INT_MAX) &&
    output.url !== null &&
    isUrl(output.url) &&
    isOptionalInt(output.width, INT_MAX) &&
    isOptionalInt(output.height, INT_MAX) &&
    isOptionalInt(output.bitrate, Number.MAX_SAFE_INTEGER) &&
    isOptionalInt(output.size, Number.MAX_SAFE_INTEGER) &&
    (output.duration === null || (Number.isFinite(output.duration) && output.duration >= 0)) &&
    detailUrlsAreStorable(output.details)
  );
}

function isInt(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

function isOptionalInt(value: number | null, max: number): boolean {
  return value === null || isInt(value, max);
}

function isUrl(value: unknown): boolean {
  return typeof value === "string" && !hasControlCharacter(value) && isStorableText(value);
}

/** C0 controls and DEL: a URL holding one is broken or an injection (a CR LF in a header, a NUL in a path). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function detailUrlsAreStorable(details: Record<string, unknown>): boolean {
  const { webVttUrl, imageUrlSet, picInfoSet } = details;
  if (webVttUrl !== undefined && !isUrl(webVttUrl)) return false;
  if (Array.isArray(imageUrlSet) && !imageUrlSet.every(isUrl)) return false;
  if (Array.isArray(picInfoSet) && !picInfoSet.every((picture: { url?: unknown }) => isUrl(picture.url))) return false;
  return true;
}

function forFile(output: VodOutput, fileId: string): FileOutput {
  return {
    fileId,
    kind: output.kind,
    definition: output.definition,
    url: output.url,
    container: output.container,
    width: output.width,
    height: output.height,
    bitrate: output.bitrate,
    size: output.size,
    duration: output.duration,
    md5: output.md5,
    drmType: output.drmType,
    details: output.details,
    taskId: output.taskId,
    subtask: output.subtask,
    finishedAt: storableDate(output.finishedAt),
  };
}
