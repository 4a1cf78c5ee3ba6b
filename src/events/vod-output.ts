// What a task flow produced for a file, and the task itself, as the normalisers read them from any format
// (issue 14; vod-reference and docs/vod-events.md §11 for where each field sits). Pure data: no I/O.

export const outputKinds = [
  "transcode",
  "adaptive",
  "cover",
  "snapshot",
  "sampleSnapshot",
  "sprite",
  "animatedGraphic",
  "other",
] as const;
export type OutputKind = (typeof outputKinds)[number];

/** One output. A later one for the same (file, kind, definition) replaces the earlier (by finishedAt). */
export interface VodOutput {
  kind: OutputKind;
  /** VOD's template id (Definition); 0 when the result names none. */
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
  /** Kind-specific extras in our camelCase names: package (HLS | DASH), picInfoSet [{timeOffset, url}],
   *  imageUrlSet, webVttUrl, totalCount, … */
  details: Record<string, unknown>;
  /** The task (flow) that made it, and the subtask type as VOD names it (Transcode, CoverBySnapshot, …). */
  taskId: string | null;
  subtask: string | null;
  finishedAt: Date | null;
}

export interface VodSubtask {
  type: string;
  status: string | null;
  errCode: number | null;
  errCodeExt: string | null;
  message: string | null;
  beganAt: Date | null;
  finishedAt: Date | null;
}

/** One task on a file: a task flow (Procedure), a legacy TranscodeComplete (Transcode), a pull, an edit, … */
export interface VodTask {
  taskId: string;
  /** Procedure | Transcode | Pull | EditMedia | ComposeMedia | Review | … */
  kind: string;
  /** PROCESSING | FINISH (legacy values upper-cased; others kept verbatim). */
  status: string;
  failed: boolean;
  errCode: number | null;
  message: string | null;
  subtasks: VodSubtask[];
  beganAt: Date | null;
  finishedAt: Date | null;
}
