// A task flow's result with six outputs, for the benchmarks' mixed traffic (issues 13 and 14): the real
// ProcedureStateChanged of fixture v3/procedure-finish-outputs (its sources are in test/fixtures/SOURCES.md:
// Transcode, AdaptiveDynamicStreaming, SnapshotByTimeOffset, SampleSnapshot, ImageSprites, CoverBySnapshot, with
// the null sibling members VOD sends), made unique per n: its FileId, TaskId and the FileId in every URL. Compact
// JSON, as VOD sends it (~5 KB).
import { loadFixture } from "../fixtures/load-fixture.js";
import { callbackBody } from "./callback-body.js";

const FIXTURE_FILE_ID = "3701925920477195402";
const FIXTURE_TASK_ID = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";
const template = JSON.stringify(loadFixture("v3/procedure-finish-outputs"));
const run = String(Date.now() % 1e9).padStart(9, "0");

/** The six-output result for `fileId` (default: a FileId of its own, from n); its TaskId is unique per n. */
export function procedureCallbackBody(n: number, fileId = `6${run}${String(n).padStart(9, "0")}`): string {
  const taskId = `1305819496-procedurev2-${run}${String(n).padStart(9, "0")}tt0`;
  return template.replaceAll(FIXTURE_FILE_ID, fileId).replaceAll(FIXTURE_TASK_ID, taskId);
}

/**
 * The benchmarks' mix: two of every three bodies are callbackBody's (both formats, NewFileUpload,
 * ProcedureStateChanged and FileDeleted), the third is the six-output result for the file the body before it named,
 * as a task flow finishes after its upload.
 */
export function mixedCallbackBody(n: number): string {
  if (n % 3 !== 2) return callbackBody(n);
  const before = callbackBody(n - 1);
  const fileId = /"(?:FileId|fileId)":"([^"]+)"/.exec(before)?.[1];
  return procedureCallbackBody(n, fileId);
}
