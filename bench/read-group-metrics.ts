// The group-commit figures a running service exposes on GET /metrics (vod_tracker_ingest_group_size and
// vod_tracker_ingest_group_seconds): read before and after a measured run, their differences are that run's.
export interface GroupMetrics {
  count: number;
  sizeSum: number;
  secondsSum: number;
}

export async function readGroupMetrics(base: string): Promise<GroupMetrics> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  return {
    count: value("vod_tracker_ingest_group_size_count"),
    sizeSum: value("vod_tracker_ingest_group_size_sum"),
    secondsSum: value("vod_tracker_ingest_group_seconds_sum"),
  };
}
