// What one applicable event says about the uploads it names, flattened so that the TypeScript rule (applyEvent)
// and the SQL rule (src/db/record-events-sql.ts) read the very same values.
import { storableDate } from "../events/fields/storable-date.js";
import { storableInt } from "../events/fields/storable-int.js";
import { selectStorableOutputs } from "../events/outputs/select-storable-outputs.js";
import type { EventExtras, MediaFields, VodEvent } from "../events/vod-event.js";
import type { VodOutput, VodTask } from "../events/vod-output.js";
import type { VodReview } from "../events/review/vod-review.js";
import { boundDepth } from "./bound-depth.js";
import { mediaColumns, type MediaColumn } from "./upload-columns.js";
import type { UploadStatus } from "./upload-state.js";

export interface UploadPatch {
  /** "link": the event changes no upload, only links itself to the files it names (an edit that failed, …).
   *  "review": a verdict on its file, beside the status (issue 15). "pull": a pull that made no file; it names its
   *  upload by pull TaskId (`pull`), not by FileId, and has no files. */
  kind: "upload" | "procedure" | "delete" | "link" | "review" | "pull";
  media: Pick<MediaFields, MediaColumn>;
  metadata: Record<string, unknown>;
  procedureTaskId: string | null;
  /** Only for kind "procedure". */
  procedureStatus: string | null;
  procedureErrCode: number | null;
  procedureMessage: string | null;
  procedureResults: unknown[] | null;
  /** Task result time: the subtasks' latest FinishTime, else null (then the arrival time is used). */
  finishedAt: Date | null;
  /** When VOD created the file (NewFileUpload). */
  occurredAt: Date | null;
  files: PatchFile[];
  /** Outputs the event reports, each for one of the patch's files (issue 14; written to UploadOutput). */
  outputs: PatchOutput[];
  /** Tasks the event reports on, each for one of the patch's files (written to UploadTask). */
  tasks: PatchTask[];
  /** Outputs the event reports that cannot be stored (select-storable-outputs.ts says which): a note for the
   *  event row. Absent = 0 (patches built by hand). */
  skippedOutputs?: number;
  /** Kind "upload" of an edit or compose output: the FileIds it was made from (Upload.derivedFrom). */
  derivedFrom?: string[] | null;
  /** The review the event reports for its own file (a verdict, or pending); absent or null = none (issue 15). */
  review?: VodReview | null;
  /** A PullComplete's task: kind "upload" (errCode null) or "pull" (it failed with errCode). Absent = not a pull. */
  pull?: PatchPull | null;
}

export interface PatchPull {
  taskId: string;
  errCode: number | null;
  message: string | null;
}

export interface PatchOutput extends VodOutput {
  fileId: string;
}

export interface PatchTask extends VodTask {
  fileId: string;
}

export interface PatchFile {
  fileId: string;
  /** The status this event asks for; null = none (a partial delete). */
  target: UploadStatus | null;
  /** For a partial delete: the parts removed. */
  deletedParts: unknown[] | null;
  /** true: only link the event to this FileId (its timeline shows it); its upload is neither created nor changed. */
  linkOnly?: boolean;
}

const noMedia = Object.fromEntries(mediaColumns.map((name) => [name, null])) as UploadPatch["media"];

/**
 * null for events that change no upload and name no other file (kind "other" without linkedFileIds). Every file
 * an event names besides its own (linkedFileIds) is a linkOnly file after the event's own ones; an "other" event
 * with some is kind "link". Outputs and tasks are for the event's own file (an upload's or a task flow's).
 */
export function toUploadPatch(event: VodEvent): UploadPatch | null {
  const base = {
    media: noMedia,
    metadata: {},
    procedureTaskId: null,
    procedureStatus: null,
    procedureErrCode: null,
    procedureMessage: null,
    procedureResults: null,
    finishedAt: null,
    occurredAt: null,
    outputs: [],
    tasks: [],
    skippedOutputs: 0,
  };
  switch (event.kind) {
    case "upload": {
      const { metadata, ...media } = pickMedia(event);
      const own = { fileId: event.fileId, target: "UPLOADED" as const, deletedParts: null };
      return {
        ...base,
        ...extrasOf(event, event.fileId),
        kind: "upload",
        media,
        metadata: boundDepth(metadata),
        procedureTaskId: event.procedureTaskId,
        occurredAt: storableDate(event.occurredAt),
        files: withLinks([own], event.linkedFileIds),
        ...(event.derivedFrom ? { derivedFrom: event.derivedFrom } : {}),
        ...(event.review ? { review: event.review } : {}),
        ...(event.pullTaskId ? { pull: { taskId: event.pullTaskId, errCode: null, message: null } } : {}),
      };
    }
    case "procedure": {
      const { metadata, ...media } = pickMedia(event.media);
      const finished = event.procedureStatus === "FINISH";
      const target = finished ? (event.failed ? "FAILED" : "PROCESSED") : "PROCESSING";
      return {
        ...base,
        ...extrasOf(event, event.fileId),
        kind: "procedure",
        media,
        metadata: boundDepth(metadata),
        procedureTaskId: event.procedureTaskId,
        procedureStatus: event.procedureStatus,
        procedureErrCode: storableInt(event.errCode),
        procedureMessage: event.message,
        procedureResults: boundDepth(event.results),
        finishedAt: storableDate(event.finishedAt),
        files: withLinks([{ fileId: event.fileId, target, deletedParts: null }], event.linkedFileIds),
        ...(event.review ? { review: event.review } : {}),
      };
    }
    case "review":
      // No target: a verdict never changes the status (DESIGN §3); a file first heard of this way is UPLOADED.
      return {
        ...base,
        ...extrasOf(event, event.fileId),
        kind: "review",
        files: withLinks([{ fileId: event.fileId, target: null, deletedParts: null }], event.linkedFileIds),
        review: event.review,
      };
    case "pullFailed":
      return {
        ...base,
        kind: "pull",
        files: [],
        pull: { taskId: event.pullTaskId, errCode: storableInt(event.errCode), message: event.message },
      };
    case "delete": {
      const files: PatchFile[] = event.fileIds.map((fileId) => ({
        fileId,
        target: event.whole[fileId] === false ? null : "DELETED",
        deletedParts: event.whole[fileId] === false ? boundDepth(event.parts[fileId] ?? []) : null,
      }));
      return { ...base, kind: "delete", files: withLinks(files, event.linkedFileIds) };
    }
    case "other": {
      const files = withLinks([], event.linkedFileIds);
      return files.length === 0 ? null : { ...base, kind: "link", files };
    }
  }
}

/** The event's outputs and task, for its own file; outputs that cannot be stored are counted, not kept. */
function extrasOf(event: EventExtras, fileId: string): Pick<UploadPatch, "outputs" | "tasks" | "skippedOutputs"> {
  // NewFileUpload, the hot path, has neither: no allocation for it.
  if (!event.outputs?.length && !event.task) return NO_EXTRAS;
  const selected = selectStorableOutputs(event.outputs ?? [], fileId);
  const task = event.task;
  return {
    outputs: selected.outputs,
    tasks: task
      ? [
          {
            ...task,
            fileId,
            errCode: storableInt(task.errCode),
            beganAt: storableDate(task.beganAt),
            finishedAt: storableDate(task.finishedAt),
            subtasks: task.subtasks.map((subtask) => ({
              ...subtask,
              errCode: storableInt(subtask.errCode),
              beganAt: storableDate(subtask.beganAt),
              finishedAt: storableDate(subtask.finishedAt),
            })),
          },
        ]
      : [],
    skippedOutputs: selected.skipped,
  };
}

const NO_EXTRAS = { outputs: [], tasks: [], skippedOutputs: 0 };

/** The event's own files, then a linkOnly file for each other FileId it names (once each). */
function withLinks(own: PatchFile[], linked: readonly string[] | undefined): PatchFile[] {
  if (!linked?.length) return own;
  const named = new Set(own.map((file) => file.fileId));
  const files = [...own];
  for (const fileId of linked) {
    if (named.has(fileId)) continue;
    named.add(fileId);
    files.push({ fileId, target: null, deletedParts: null, linkOnly: true });
  }
  return files;
}

function pickMedia(fields: MediaFields): MediaFields {
  const media = Object.fromEntries(mediaColumns.map((name) => [name, fields[name]])) as UploadPatch["media"];
  const subAppId = fields.subAppId !== null && /^[0-9]{1,18}$/.test(fields.subAppId) ? fields.subAppId : null;
  return { ...media, subAppId, metadata: fields.metadata };
}
