// One stored output (UploadOutput, issue 14) as the status reads hand it to the pure core: numbers as numbers, times
// already in the ISO-8601 text the API answers, and when and by which event it arrived (the order of results where
// VOD gave no finish time: coalesce(finishedAt, receivedAt), then eventId, as the hot-path statement orders them). Unknown kinds may appear (a later VOD subtask): readers skip them.
export interface OutputRow {
  kind: string;
  /** VOD's template id; 0 when the result named none. */
  definition: number;
  url: string | null;
  container: string | null;
  width: number | null;
  height: number | null;
  /** Bits per second. */
  bitrate: number | null;
  /** Bytes. */
  size: number | null;
  /** Seconds. */
  duration: number | null;
  md5: string | null;
  drmType: string | null;
  /** Kind-specific extras (vod-output.ts): package, picInfoSet, imageUrlSet, webVttUrl, … */
  details: Record<string, unknown>;
  taskId: string | null;
  /** ISO-8601 (Date#toISOString's form), or null when VOD gave none. */
  finishedAt: string | null;
  /** ISO-8601: when the reporting event arrived. */
  receivedAt: string;
  eventId: number;
}
