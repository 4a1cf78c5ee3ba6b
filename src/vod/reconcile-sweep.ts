// The automatic reconciliation sweep (DESIGN §7). VOD's PUSH delivery gives up after a few tries (vod-reference
// §3.2), so uploads that stopped short — PENDING, PROCESSING, UPLOADED with a task flow — and have been quiet for
// longer than RECONCILE_AFTER are checked against VOD and repaired (reconcileUpload), a page of BATCH_SIZE at a
// time with one DescribeMediaInfos per 20 FileIds. One process sweeps at a time: the sweep runs under a
// PostgreSQL advisory lock, and a replica that finds it taken skips its turn. Two sweeps at once would still be
// safe (repairs are deduplicated events), only wasteful.
//
// Horizon: uploads quiet for longer than LOOKBACK_MS are left out. VOD reports task flows for 3 days only
// (DescribeTaskDetail, DescribeTasks), so past that such an upload cannot be moved on and would be asked about on
// every sweep, forever; an admin can still reconcile it (POST /admin/uploads/:ref/reconcile, or
// `vod-tracker reconcile --lookback 30d`).
import type { Upload } from "../db/rows.js";
import { listReconcileCandidates } from "../db/list-reconcile-candidates.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { findVodMedia, type VodMediaInfo } from "./find-vod-media.js";
import { reconcileUpload, type ReconcileDeps, type ReconcileOutcome } from "./reconcile-upload.js";

/** Any constant every replica agrees on; distinct from Prisma's migration lock (72707369, src/db/migrate.ts). */
export const RECONCILE_LOCK_ID = 861_503_117;
export const LOOKBACK_MS = 3 * 24 * 60 * 60 * 1000;
const BATCH_SIZE = 100;

export interface SweepDeps extends ReconcileDeps {
  /** The lock takes a connection of its own (src/db/with-advisory-lock.ts). */
  databaseUrl: string;
}

export interface SweepOptions {
  olderThanMs: number;
  lookbackMs?: number;
  batchSize?: number;
  /** Asked between uploads: true ends the sweep early (shutdown). */
  shouldStop?: () => boolean;
  now?: Date;
}

export type SweepOutcome = ReconcileOutcome | "failed";

export interface SweepItem {
  uploadId: string;
  fileId: string | null;
  outcome: SweepOutcome;
  statusBefore: string;
  statusAfter: string | null;
  /** Event types this sweep recorded and applied for the upload. */
  applied: string[];
  error?: string;
}

export interface SweepReport {
  /** false: another process held the lock, nothing was done. */
  ran: boolean;
  checked: number;
  counts: Record<SweepOutcome, number>;
  /** Every upload not found in sync. */
  items: SweepItem[];
}

export async function reconcileSweep(deps: SweepDeps, options: SweepOptions): Promise<SweepReport> {
  const run = await withAdvisoryLock(deps.databaseUrl, RECONCILE_LOCK_ID, () => sweep(deps, options));
  return run.acquired ? run.value : emptyReport(false);
}

async function sweep(deps: SweepDeps, options: SweepOptions): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const limit = options.batchSize ?? BATCH_SIZE;
  const window = {
    updatedBefore: new Date(now.getTime() - options.olderThanMs),
    updatedAfter: new Date(now.getTime() - (options.lookbackMs ?? LOOKBACK_MS)),
    limit,
  };
  const report = emptyReport(true);
  let after: { updatedAt: Date; id: string } | undefined;
  while (!options.shouldStop?.()) {
    const page = await listReconcileCandidates(deps.db, { ...window, after });
    const media = await describeAll(deps, page);
    for (const upload of page) {
      if (options.shouldStop?.()) break;
      const item = await reconcileOne(deps, upload, media, now);
      report.checked += 1;
      report.counts[item.outcome] += 1;
      if (item.outcome !== "in_sync") report.items.push(item);
    }
    const last = page.at(-1);
    if (!last || page.length < limit) break;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
  return report;
}

async function reconcileOne(
  deps: SweepDeps,
  upload: Upload,
  media: Map<string, VodMediaInfo | null>,
  now: Date,
): Promise<SweepItem> {
  const item = { uploadId: upload.id, fileId: upload.fileId, statusBefore: upload.status };
  try {
    const known = upload.fileId ? media.get(upload.fileId) : undefined;
    const result = await reconcileUpload(deps, { upload, fileId: upload.fileId, media: known, now });
    const applied = result.events.filter((event) => event.result.outcome === "applied").map((event) => event.eventType);
    return { ...item, outcome: result.outcome, statusAfter: result.after?.status ?? null, applied };
  } catch (error) {
    // One upload's failure (VOD refusing its task id, say) must not stop the others; the next sweep retries it.
    return { ...item, outcome: "failed", statusAfter: null, applied: [], error: (error as Error).message };
  }
}

/** DescribeMediaInfos for a page, grouped by sub-application. A failure here (VOD down) ends the sweep. */
async function describeAll(deps: SweepDeps, page: Upload[]): Promise<Map<string, VodMediaInfo | null>> {
  const bySubApp = new Map<number | undefined, string[]>();
  for (const upload of page) {
    if (!upload.fileId) continue;
    const subAppId = upload.subAppId ? Number(upload.subAppId) : deps.defaultSubAppId;
    bySubApp.set(subAppId, [...(bySubApp.get(subAppId) ?? []), upload.fileId]);
  }
  const media = new Map<string, VodMediaInfo | null>();
  for (const [subAppId, fileIds] of bySubApp) {
    for (const [fileId, info] of await findVodMedia(deps.vod, fileIds, subAppId)) media.set(fileId, info);
  }
  return media;
}

function emptyReport(ran: boolean): SweepReport {
  return { ran, checked: 0, counts: { repaired: 0, in_sync: 0, unverifiable: 0, stale: 0, failed: 0 }, items: [] };
}
