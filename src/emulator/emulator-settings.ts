// Runtime knobs of the emulator. Start options set them; POST /_emulator/config changes them while it runs, so
// one emulator can serve a whole test file. Defaults follow VOD's documented behaviour (vod-reference §3.2, §4).
import { z } from "zod";

export const emulatorSettingsSchema = z.strictObject({
  /** Format of PUSH bodies. "legacy" = the 2017 `"version": "4.0"` format (emulator-only switch: VOD sets it per
   *  account in the console). PULL always hands out v3 events, as PullEvents has no legacy variant. */
  eventFormat: z.enum(["v3", "legacy"]),
  procedureDelayMs: z.int().min(0),
  procedureOutcome: z.enum(["success", "failure"]),
  /** How long PullEvents holds an empty queue before answering `EventSet: []` (VOD: at most 5 s). */
  pullHoldMs: z.int().min(0),
  /** A pulled event not confirmed within this window is handed out again with a new EventHandle (VOD: 30 s). */
  redeliveryMs: z.int().min(1),
  /** Waits before the 2nd, 3rd, … PUSH attempt of one event after a non-2xx answer or a network error. */
  pushRetryDelaysMs: z.array(z.int().min(0)).max(20),
  /** Per-attempt timeout of a PUSH (VOD: 5 s). */
  pushTimeoutMs: z.int().min(1),
  /** The next N events that would be pushed are lost instead (to exercise reconcile). */
  dropNextPushes: z.int().min(0),
  /** The next N events that are pushed successfully are pushed a second time (to exercise deduplication). */
  duplicateNextPushes: z.int().min(0),
  /** The next N successful CommitUpload calls take effect (media, NewFileUpload) but their answer is lost: the
   *  connection is closed instead, as when a network fails after VOD committed. */
  dropNextCommitAnswers: z.int().min(0),
  /** The same for PullUpload: the pull starts (and ends in PullComplete) but its answer, the TaskId, is lost. */
  dropNextPullUploadAnswers: z.int().min(0),
  /** DescribeTaskDetail and DescribeTasks answer only tasks created this recently (VOD: 72 hours, the SDK docs of
   *  both actions); older ones are ResourceNotFound / left out. The media and its outputs stay in DescribeMediaInfos. */
  taskRetentionMs: z.int().min(0),
});

export type EmulatorSettings = z.infer<typeof emulatorSettingsSchema>;

export const defaultEmulatorSettings: EmulatorSettings = Object.freeze({
  eventFormat: "v3",
  procedureDelayMs: 2_000,
  procedureOutcome: "success",
  pullHoldMs: 5_000,
  redeliveryMs: 30_000,
  pushRetryDelaysMs: [1_000, 2_000],
  pushTimeoutMs: 5_000,
  dropNextPushes: 0,
  duplicateNextPushes: 0,
  dropNextCommitAnswers: 0,
  dropNextPullUploadAnswers: 0,
  taskRetentionMs: 72 * 60 * 60 * 1000,
});
