// Reconcile of one upload (DESIGN §7): ask VOD what it knows of the file (DescribeMediaInfos; the task flow through
// DescribeTaskDetail), turn what we never heard into VOD event bodies (repairEvents) and ingest each through the
// one use case with channel "reconcile" (STYLE §2): every repair is a recorded event, applied by the same status
// rule as a callback, never a direct write to the Upload row. Then, with those repairs applied, the outputs VOD
// lists that we still lack become one more event (mediaInfoRepair, issue 14). A PENDING pull upload is asked about
// by its pull TaskId (reconcilePendingPull, issue 15).
import { AppError } from "../errors.js";
import type { Db } from "../db/db.js";
import { findUpload } from "../db/find-upload.js";
import { findUploadStatuses } from "../db/find-upload-statuses.js";
import { outputRowsOfText } from "../db/output-rows-of-text.js";
import { outputsAt } from "../db/status-text.js";
import type { Upload } from "../db/rows.js";
import { commitOutcomeUnknown } from "../db/commit-outcome-unknown.js";
import { hasAppliedEvent } from "../db/has-applied-event.js";
import { ingestEvent, type IngestResult } from "../ingest/ingest-event.js";
import type { VodClient } from "./client.js";
import { findProcedureTask } from "./find-procedure-task.js";
import { findVodMedia, type VodMediaInfo } from "./find-vod-media.js";
import { mediaInfoRepair, type HeldOutput } from "./media-info-repair.js";
import { pullTaskIdOf } from "./pull-task-id-of.js";
import { reconcilePendingPull } from "./reconcile-pending-pull.js";
import { repairEvents } from "./repair-events.js";
import { resolveUnknownCommit } from "./resolve-unknown-commit.js";

/** A PENDING upload without a FileId cannot be looked up at VOD; once this old it is reported stale. */
export const STALE_PENDING_MS = 24 * 60 * 60 * 1000;

export type ReconcileVod = Pick<VodClient, "DescribeMediaInfos" | "DescribeTaskDetail" | "DescribeTasks">;

export interface ReconcileDeps {
  db: Db;
  vod: ReconcileVod;
  /** VOD_SUBAPP_ID: the sub-application of uploads that name none. */
  defaultSubAppId?: number;
}

/**
 * repaired: at least one event applied. in_sync: VOD knows nothing we have not heard. unverifiable: VOD cannot be
 * asked (no FileId yet) or gave no usable answer. stale: a PENDING upload without FileId, older than a day.
 */
export type ReconcileOutcome = "repaired" | "in_sync" | "unverifiable" | "stale";

export interface ReconcileResult {
  outcome: ReconcileOutcome;
  fileId: string | null;
  before: Upload | null;
  after: Upload | null;
  /** What VOD said; null when it was not asked. */
  vod: { exists: boolean; taskId: string | null; taskStatus: string | null } | null;
  events: Array<{ eventType: string; result: IngestResult }>;
}

export interface ReconcileTarget {
  /** Our row, or null for a FileId we hold nothing about. */
  upload: Upload | null;
  fileId: string | null;
  /** The DescribeMediaInfos answer for fileId when the caller asked for many files at once; undefined: ask. */
  media?: VodMediaInfo | null;
  now?: Date;
}

export async function reconcileUpload(deps: ReconcileDeps, target: ReconcileTarget): Promise<ReconcileResult> {
  const { upload, fileId } = target;
  const now = target.now ?? new Date();
  if (!fileId) {
    // A lost CommitUpload answer: the file VOD reported meanwhile gives the FileId, then the file is checked as usual.
    const resolved = upload && commitOutcomeUnknown.of(upload) ? await resolveUnknownCommit(deps.db, upload) : null;
    if (resolved) {
      const checked = await reconcileUpload(deps, { upload: resolved, fileId: resolved.fileId, now });
      return { ...checked, outcome: "repaired", before: upload };
    }
    const pullTaskId = upload ? pullTaskIdOf(upload) : null;
    const pulled = upload && pullTaskId ? await reconcilePendingPull(deps, upload, pullTaskId) : null;
    if (pulled?.after?.fileId) {
      const checked = await reconcileUpload(deps, { upload: pulled.after, fileId: pulled.after.fileId, now });
      return { ...checked, outcome: "repaired", before: upload, events: [...pulled.events, ...checked.events] };
    }
    if (pulled) return { ...pulled, fileId: null, before: upload };
    const stale = upload !== null && now.getTime() - upload.createdAt.getTime() >= STALE_PENDING_MS;
    return {
      outcome: stale ? "stale" : "unverifiable",
      fileId: null,
      before: upload,
      after: upload,
      vod: null,
      events: [],
    };
  }
  const subAppId = upload?.subAppId ? Number(upload.subAppId) : deps.defaultSubAppId;
  const media =
    target.media !== undefined ? target.media : (await findVodMedia(deps.vod, [fileId], subAppId)).get(fileId);
  if (media === undefined)
    return { outcome: "unverifiable", fileId, before: upload, after: upload, vod: null, events: [] };
  if (media === null && upload === null)
    throw new AppError("not_found", `neither this service nor VOD knows FileId ${fileId}`);

  const asksTask = media !== null && upload?.status !== "DELETED" && upload?.procedureStatus !== "FINISH";
  const task = asksTask
    ? await findProcedureTask(deps.vod, { fileId, taskId: upload?.procedureTaskId ?? null, subAppId })
    : null;
  const held = upload && {
    status: upload.status,
    procedureTaskId: upload.procedureTaskId,
    procedureStatus: upload.procedureStatus,
    // A pulled file's upload report is its PullComplete: VOD may send no NewFileUpload for it.
    heardNewFileUpload:
      (await hasAppliedEvent(deps.db, fileId, "NewFileUpload")) ||
      (await hasAppliedEvent(deps.db, fileId, "PullComplete")),
  };
  const events: ReconcileResult["events"] = [];
  const record = async (body: { EventType: string }) => {
    const result = await ingestEvent({ db: deps.db }, { raw: JSON.stringify(body), channel: "reconcile" });
    events.push({ eventType: body.EventType, result });
  };
  for (const body of repairEvents(held, { fileId, media, task })) await record(body);
  // After the repairs: a repaired ProcedureStateChanged brings its outputs itself. A DELETED upload is final.
  if (media !== null && upload?.status !== "DELETED") {
    const body = mediaInfoRepair(fileId, media, await readHeldOutputs(deps.db, fileId));
    if (body) await record(body);
  }
  const after = await findUpload(deps.db, upload ? upload.id : fileId);
  const outcomes = events.map((event) => event.result.outcome);
  return {
    // An invalid repair means VOD answered something our parser refuses: stored for admins, nothing applied.
    outcome: outcomes.includes("applied") ? "repaired" : outcomes.includes("invalid") ? "unverifiable" : "in_sync",
    fileId,
    before: upload,
    after,
    vod: { exists: media !== null, taskId: task?.TaskId ?? null, taskStatus: task?.Status ?? null },
    events,
  };
}

/** The outputs we hold for the file, read as the status answer reads them (GET /v1/uploads/:ref). */
async function readHeldOutputs(db: Db, fileId: string): Promise<HeldOutput[]> {
  const [status] = await findUploadStatuses(db.pool, [fileId]);
  return status ? outputRowsOfText(status[outputsAt]) : [];
}
