// Reconcile of a PENDING upload started by a pull (no FileId yet, a pull TaskId held): the pull task as VOD reports
// it (reconcilePullTask records a PullComplete we never heard), and the row after that. When the row then has its
// FileId, the caller checks the file like any other (its task flow may have finished meanwhile). null: VOD no longer
// knows the task (older than 3 days, or unknown), so the caller's rules for a PENDING upload without FileId apply.
import type { Db } from "../db/db.js";
import { findUpload } from "../db/find-upload.js";
import type { Upload } from "../db/rows.js";
import type { IngestResult } from "../ingest/ingest-event.js";
import type { VodClient } from "./client.js";
import { reconcilePullTask } from "./reconcile-pull-task.js";

export interface PendingPullCheck {
  outcome: "repaired" | "in_sync" | "unverifiable";
  after: Upload | null;
  vod: { exists: boolean; taskId: string; taskStatus: string | null };
  events: Array<{ eventType: string; result: IngestResult }>;
}

export async function reconcilePendingPull(
  deps: { db: Db; vod: Pick<VodClient, "DescribeTaskDetail">; defaultSubAppId?: number },
  upload: Upload,
  taskId: string,
): Promise<PendingPullCheck | null> {
  const subAppId = upload.subAppId ? Number(upload.subAppId) : deps.defaultSubAppId;
  const { task, events } = await reconcilePullTask(deps, { taskId, subAppId });
  if (!task) return null;
  const outcomes = events.map((event) => event.result.outcome);
  return {
    // PROCESSING: VOD is still pulling, nothing was missed. A repair that did not apply: a PullComplete our parser
    // refused or ignored (stored for admins).
    outcome: outcomes.includes("applied") ? "repaired" : outcomes.length > 0 ? "unverifiable" : "in_sync",
    after: await findUpload(deps.db, upload.id),
    vod: { exists: Boolean(task.FileId), taskId, taskStatus: task.Status ?? null },
    events,
  };
}
