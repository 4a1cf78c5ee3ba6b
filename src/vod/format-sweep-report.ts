// What `vod-tracker reconcile` prints: one line per upload not found in sync, then the totals.
import type { SweepReport } from "./reconcile-sweep.js";

export function formatSweepReport(report: SweepReport): string {
  if (!report.ran) return "another process is sweeping right now (reconcile lock taken); nothing done";
  const lines = report.items.map((item) => {
    const status =
      item.statusAfter && item.statusAfter !== item.statusBefore
        ? `${item.statusBefore} → ${item.statusAfter}`
        : item.statusBefore;
    const detail = item.applied.length ? ` (${item.applied.join(", ")})` : item.error ? `: ${item.error}` : "";
    return `${item.uploadId}  ${item.fileId ?? "(no FileId)"}  ${status}  ${item.outcome}${detail}`;
  });
  const { repaired, in_sync: inSync, unverifiable, stale, failed } = report.counts;
  lines.push(
    `checked ${report.checked} upload(s): ${repaired} repaired, ${inSync} in sync, ${unverifiable} unverifiable, ${stale} stale, ${failed} failed`,
  );
  return lines.join("\n");
}
