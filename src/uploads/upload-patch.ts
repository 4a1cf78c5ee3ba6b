// What one applicable event says about the uploads it names, flattened so that the TypeScript rule (applyEvent)
// and the SQL rule (src/db/record-events-sql.ts) read the very same values.
import type { MediaFields, VodEvent } from "../events/vod-event.js";
import type { VodOutput, VodTask } from "../events/vod-output.js";
import { boundDepth } from "./bound-depth.js";
import { mediaColumns, type MediaColumn } from "./upload-columns.js";
import type { UploadStatus } from "./upload-state.js";

export interface UploadPatch {
  /** "link": the event changes no upload, only links itself to the files it names (an edit that failed, …). */
  kind: "upload" | "procedure" | "delete" | "link";
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

/** null for events that change no upload (kind "other"). */
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
  };
  switch (event.kind) {
    case "upload": {
      const { metadata, ...media } = pickMedia(event);
      return {
        ...base,
        kind: "upload",
        media,
        metadata: boundDepth(metadata),
        procedureTaskId: event.procedureTaskId,
        occurredAt: storableDate(event.occurredAt),
        files: [{ fileId: event.fileId, target: "UPLOADED", deletedParts: null }],
      };
    }
    case "procedure": {
      const { metadata, ...media } = pickMedia(event.media);
      const finished = event.procedureStatus === "FINISH";
      return {
        ...base,
        kind: "procedure",
        media,
        metadata: boundDepth(metadata),
        procedureTaskId: event.procedureTaskId,
        procedureStatus: event.procedureStatus,
        procedureErrCode: storableInt(event.errCode),
        procedureMessage: event.message,
        procedureResults: boundDepth(event.results),
        finishedAt: storableDate(event.finishedAt),
        files: [
          {
            fileId: event.fileId,
            target: finished ? (event.failed ? "FAILED" : "PROCESSED") : "PROCESSING",
            deletedParts: null,
          },
        ],
      };
    }
    case "delete":
      return {
        ...base,
        kind: "delete",
        files: event.fileIds.map((fileId) => ({
          fileId,
          target: event.whole[fileId] === false ? null : "DELETED",
          deletedParts: event.whole[fileId] === false ? boundDepth(event.parts[fileId] ?? []) : null,
        })),
      };
    case "other":
      return null;
  }
}

function pickMedia(fields: MediaFields): MediaFields {
  const media = Object.fromEntries(mediaColumns.map((name) => [name, fields[name]])) as UploadPatch["media"];
  const subAppId = fields.subAppId !== null && /^[0-9]{1,18}$/.test(fields.subAppId) ? fields.subAppId : null;
  return { ...media, subAppId, metadata: fields.metadata };
}

// Values the columns cannot hold are dropped here (the raw event keeps them): PostgreSQL has no year 0 and
// procedureErrCode is a 32-bit integer.
function storableDate(date: Date | null): Date | null {
  if (date === null || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date : null;
}

function storableInt(value: number | null): number | null {
  return value !== null && Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? value : null;
}
