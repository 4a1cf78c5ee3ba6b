// Reconcile of a pull upload still PENDING (DESIGN §7): ask VOD for the pull task (findPullTask) and, when it
// FINISHED, record the PullComplete we never heard through the one use case with channel "reconcile"
// (pullCompleteRepair, ingestEvent) — never a direct write: the status rule applies it as it would the callback.
import type { Db } from "../db/db.js";
import { ingestEvent, type IngestResult } from "../ingest/ingest-event.js";
import type { VodClient } from "./client.js";
import { findPullTask, type VodPullTask } from "./find-pull-task.js";
import { pullCompleteRepair } from "./pull-complete-repair.js";

export interface PullReconcileResult {
  /** What VOD reports; null when it does not know the task (unknown, or older than 3 days). */
  task: VodPullTask | null;
  events: Array<{ eventType: string; result: IngestResult }>;
}

export async function reconcilePullTask(
  deps: { db: Db; vod: Pick<VodClient, "DescribeTaskDetail"> },
  pull: { taskId: string; subAppId: number | undefined },
): Promise<PullReconcileResult> {
  const task = await findPullTask(deps.vod, pull);
  const body = task && pullCompleteRepair(task);
  if (!body) return { task, events: [] };
  const result = await ingestEvent({ db: deps.db }, { raw: JSON.stringify(body), channel: "reconcile" });
  return { task, events: [{ eventType: body.EventType, result }] };
}
