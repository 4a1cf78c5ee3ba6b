// Reconcile's rule (DESIGN §7): the VOD event bodies that tell what VOD knows of a file and we never heard. Each
// is written in VOD's own v3 shape (vod-reference §1.2, §1.6, §1.8) from what DescribeMediaInfos and
// DescribeTaskDetail answered, so ingestEvent records and applies it as it would the lost callback:
// - NewFileUpload from MediaInfo (BasicInfo, MetaData) when none was ever applied to the FileId;
// - ProcedureStateChanged from the task detail's ProcedureTask when it is PROCESSING or FINISH and ranks above the
//   task-flow status we hold (WAITING and ABORTED: VOD sends no event for them either);
// - FileDeleted when VOD no longer knows the FileId and the upload is neither PENDING nor DELETED.
// Nothing for a DELETED upload: it is final. The outputs VOD lists are repaired after these (media-info-repair.ts). Every body carries a top-level "Reconcile" member, which the parser
// ignores like any unknown member (v3 envelopes are loose objects), so its dedupe key is never a real callback's.
// The member holds no time on purpose: the same VOD answer makes the same body, and a repeated reconcile that
// got past the checks above is stored once (a duplicate), not twice.
import type { UploadStatus } from "../uploads/upload-state.js";
import { procedureRank } from "../uploads/status-rank.js";
import type { VodProcedureTask } from "./find-procedure-task.js";
import type { VodMediaInfo } from "./find-vod-media.js";

export interface HeldUpload {
  status: UploadStatus;
  procedureTaskId: string | null;
  procedureStatus: string | null;
  /** A NewFileUpload — or, for a pulled file, its PullComplete — was applied to its FileId, by any channel. */
  heardNewFileUpload: boolean;
}

export interface VodFile {
  fileId: string;
  /** null: VOD does not know the FileId (DescribeMediaInfos' NotExistFileIdSet). */
  media: VodMediaInfo | null;
  task: VodProcedureTask | null;
}

export type RepairBody = { EventType: "NewFileUpload" | "ProcedureStateChanged" | "FileDeleted" } & Record<
  string,
  unknown
>;

const REPORTED_TASK_STATES = new Set(["PROCESSING", "FINISH"]);

export function repairEvents(held: HeldUpload | null, vod: VodFile): RepairBody[] {
  if (held?.status === "DELETED") return [];
  const { fileId, media, task } = vod;
  if (media === null) {
    if (held === null || held.status === "PENDING") return [];
    return [
      {
        EventType: "FileDeleted",
        FileDeleteEvent: { FileIdSet: [fileId], FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: [] }] },
        Reconcile: { from: "DescribeMediaInfos" },
      },
    ];
  }
  const bodies: RepairBody[] = [];
  if (!held?.heardNewFileUpload) {
    bodies.push({
      EventType: "NewFileUpload",
      FileUploadEvent: {
        FileId: fileId,
        MediaBasicInfo: media.BasicInfo ?? null,
        ProcedureTaskId: task?.TaskId ?? held?.procedureTaskId ?? "",
        ReviewAudioVideoTaskId: "",
        MetaData: media.MetaData ?? null,
      },
      Reconcile: { from: "DescribeMediaInfos" },
    });
  }
  const taskStatus = task?.Status ?? null;
  if (
    task &&
    taskStatus &&
    REPORTED_TASK_STATES.has(taskStatus) &&
    procedureRank(taskStatus) > procedureRank(held?.procedureStatus ?? null)
  ) {
    bodies.push({
      EventType: "ProcedureStateChanged",
      ProcedureStateChangeEvent: { ...task, FileId: task.FileId || fileId },
      Reconcile: { from: "DescribeTaskDetail" },
    });
  }
  return bodies;
}
