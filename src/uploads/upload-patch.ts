// What one applicable event says about the uploads it names, flattened so that the TypeScript rule (applyEvent)
// and the SQL rule (src/db/record-events-sql.ts) read the very same values.
import { storableDate } from "../events/fields/storable-date.js";
import { storableInt } from "../events/fields/storable-int.js";
import type { MediaFields, VodEvent } from "../events/vod-event.js";
import type { VodOutput, VodTask } from "../events/vod-output.js";
import type { VodReview } from "../events/review/vod-review.js";
import { boundDepth } from "./bound-depth.js";
import { patchExtras } from "./patch-extras.js";
import { patchMedia } from "./patch-media.js";
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

/**
 * null for events that change no upload and name no other file (kind "other" without linkedFileIds). Every file
 * an event names besides its own (linkedFileIds) is a linkOnly file after the event's own ones; an "other" event
 * with some is kind "link". Outputs and tasks are for the event's own file (an upload's or a task flow's).
 * The hot path (issue 13): an upload's or a task flow's patch (nearly every callback) is one object literal, with no
 * spread and no rest copy; every patch has its keys in one order (the common fields, then kind and files, then the
 * optional ones), as it always had.
 */
export function toUploadPatch(event: VodEvent): UploadPatch | null {
  switch (event.kind) {
    case "upload": {
      const extras = patchExtras(event, event.fileId);
      const patch: UploadPatch = {
        media: patchMedia(event),
        metadata: boundDepth(event.metadata),
        procedureTaskId: event.procedureTaskId,
        procedureStatus: null,
        procedureErrCode: null,
        procedureMessage: null,
        procedureResults: null,
        finishedAt: null,
        occurredAt: storableDate(event.occurredAt),
        outputs: extras.outputs,
        tasks: extras.tasks,
        skippedOutputs: extras.skippedOutputs,
        kind: "upload",
        files: withLinks([{ fileId: event.fileId, target: "UPLOADED", deletedParts: null }], event.linkedFileIds),
      };
      if (event.derivedFrom) patch.derivedFrom = event.derivedFrom;
      if (event.review) patch.review = event.review;
      if (event.pullTaskId) patch.pull = { taskId: event.pullTaskId, errCode: null, message: null };
      return patch;
    }
    case "procedure": {
      const extras = patchExtras(event, event.fileId);
      const finished = event.procedureStatus === "FINISH";
      const target = finished ? (event.failed ? "FAILED" : "PROCESSED") : "PROCESSING";
      const patch: UploadPatch = {
        media: patchMedia(event.media),
        metadata: boundDepth(event.media.metadata),
        procedureTaskId: event.procedureTaskId,
        procedureStatus: event.procedureStatus,
        procedureErrCode: storableInt(event.errCode),
        procedureMessage: event.message,
        procedureResults: boundDepth(event.results),
        finishedAt: storableDate(event.finishedAt),
        occurredAt: null,
        outputs: extras.outputs,
        tasks: extras.tasks,
        skippedOutputs: extras.skippedOutputs,
        kind: "procedure",
        files: withLinks([{ fileId: event.fileId, target, deletedParts: null }], event.linkedFileIds),
      };
      if (event.review) patch.review = event.review;
      return patch;
    }
    case "review": {
      // No target: a verdict never changes the status (DESIGN §3); a file first heard of this way is UPLOADED.
      const extras = patchExtras(event, event.fileId);
      return {
        ...emptyPatch(),
        outputs: extras.outputs,
        tasks: extras.tasks,
        skippedOutputs: extras.skippedOutputs,
        kind: "review",
        files: withLinks([{ fileId: event.fileId, target: null, deletedParts: null }], event.linkedFileIds),
        review: event.review,
      };
    }
    case "pullFailed":
      return {
        ...emptyPatch(),
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
      return { ...emptyPatch(), kind: "delete", files: withLinks(files, event.linkedFileIds) };
    }
    case "other": {
      const files = withLinks([], event.linkedFileIds);
      return files.length === 0 ? null : { ...emptyPatch(), kind: "link", files };
    }
  }
}

const noMedia = Object.fromEntries(mediaColumns.map((name) => [name, null])) as UploadPatch["media"];

/** The fields a patch of a kind that reports no media, procedure or time has: all "not known". */
function emptyPatch(): Omit<UploadPatch, "kind" | "files"> {
  return {
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
}

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
