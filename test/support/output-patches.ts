// Outputs and tasks as the normalisers report them (VodOutput, VodTask: src/events/vod-output.ts), to put into a
// real callback's patch in the database tests. Values are those of the real callback
// test/fixtures/v3/procedure-finish-outputs.json (its origin: test/fixtures/SOURCES.md): the Transcode,
// AdaptiveDynamicStreaming, CoverBySnapshot, SnapshotByTimeOffset, SampleSnapshot and ImageSprites results; the
// animated graphic's fields are the SDK model's (MediaAnimatedGraphicsItem, docs/vod-events.md §11.2), values ours.
import type { VodOutput } from "../../src/events/vod-output.js";
import { prepareEvent, type PreparedEvent } from "../../src/ingest/ingest-event.js";
import type { PatchOutput, PatchTask, UploadPatch } from "../../src/uploads/upload-patch.js";
import { mediaColumns } from "../../src/uploads/upload-columns.js";
import { newUploadId } from "../../src/uploads/upload-ref.js";

const base = "http://1305819496.vod2.myqcloud.com/ee2c0b58vodtranscq1305819496/f0e32f023701925920477195402";
export const FIXTURE_TASK_ID = "1305819496-procedurev2-f4c4e73a9b8ff4cba3ee9df5c4608270tt0";

const empty = {
  url: null,
  container: null,
  width: null,
  height: null,
  bitrate: null,
  size: null,
  duration: null,
  md5: null,
  drmType: null,
  details: {},
  taskId: FIXTURE_TASK_ID,
  finishedAt: null,
};

/** One output of each kind, as the fixture's results give them. */
export const fixtureOutputs: VodOutput[] = [
  {
    ...empty,
    kind: "transcode",
    definition: 20,
    url: `${base}/v.f20.mp4`,
    container: "mov,mp4,m4a,3gp,3g2,mj2",
    width: 640,
    height: 480,
    bitrate: 552218,
    size: 4189073,
    duration: 60.04700088501,
    md5: "eff7031ad7877865f9a3240e9ab165ad",
    subtask: "Transcode",
  },
  {
    ...empty,
    kind: "adaptive",
    definition: 10,
    url: `${base}/adp.10.m3u8`,
    drmType: "",
    details: { package: "HLS" },
    subtask: "AdaptiveDynamicStreaming",
  },
  {
    ...empty,
    kind: "cover",
    definition: 10,
    url: `${base}/coverBySnapshot/coverBySnapshot_10_0.jpg`,
    subtask: "CoverBySnapshot",
  },
  {
    ...empty,
    kind: "snapshot",
    definition: 10,
    url: `${base}/xxx1.jpg`,
    details: { picInfoSet: [3, 6, 9].map((timeOffset, n) => ({ timeOffset, url: `${base}/xxx${n + 1}.jpg` })) },
    subtask: "SnapshotByTimeOffset",
  },
  {
    ...empty,
    kind: "sampleSnapshot",
    definition: 10,
    url: `${base}/xxx1.jpg`,
    details: { sampleType: "Percent", interval: 10, imageUrlSet: [1, 2, 3].map((n) => `${base}/xxx${n}.jpg`) },
    subtask: "SampleSnapshot",
  },
  {
    ...empty,
    kind: "sprite",
    definition: 10,
    url: `${base}/imageSprite/imageSprite_10_0.jpg`,
    width: 142,
    height: 80,
    details: {
      totalCount: 10,
      imageUrlSet: [`${base}/imageSprite/imageSprite_10_0.jpg`],
      webVttUrl: `${base}/imageSprite/imageSprite_10.vtt`,
    },
    subtask: "ImageSprites",
  },
  {
    ...empty,
    kind: "animatedGraphic",
    definition: 20000,
    url: `${base}/animatedGraphic/animatedGraphic_20000.gif`,
    container: "gif",
    width: 320,
    height: 180,
    bitrate: 400000,
    size: 612000,
    md5: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
    details: { startTimeOffset: 0, endTimeOffset: 3 },
    subtask: "AnimatedGraphics",
  },
];

export function outputFor(fileId: string, output: Partial<VodOutput> & Pick<VodOutput, "kind">): PatchOutput {
  return { ...empty, definition: 0, subtask: null, ...output, fileId };
}

/** A task flow's task as the fixture's envelope reports it (ProcedureTask: TaskId, Status, ErrCode, Message). */
export function taskFor(fileId: string, task: Partial<PatchTask> = {}): PatchTask {
  return {
    taskId: FIXTURE_TASK_ID,
    kind: "Procedure",
    status: "FINISH",
    failed: false,
    errCode: 0,
    message: "SUCCESS",
    subtasks: [
      {
        type: "Transcode",
        status: "SUCCESS",
        errCode: 0,
        errCodeExt: null,
        message: "SUCCESS",
        beganAt: null,
        finishedAt: null,
      },
    ],
    beganAt: null,
    finishedAt: null,
    ...task,
    fileId,
  };
}

/** What an event that changes nothing would carry (an edit, before its files are named). */
const noPatch: UploadPatch = {
  kind: "link",
  media: Object.fromEntries(mediaColumns.map((name) => [name, null])) as UploadPatch["media"],
  metadata: {},
  procedureTaskId: null,
  procedureStatus: null,
  procedureErrCode: null,
  procedureMessage: null,
  procedureResults: null,
  finishedAt: null,
  occurredAt: null,
  files: [],
  outputs: [],
  tasks: [],
};

/** ingestEvent's record of a real body, with what the test says the event reports (outputs, tasks, files, …). */
export function preparedWith(
  body: unknown,
  patch: Partial<UploadPatch>,
  options: { receivedAt?: Date; channel?: "push" | "replay"; replayOf?: bigint } = {},
): PreparedEvent {
  const prepared = prepareEvent({
    raw: JSON.stringify(body),
    channel: options.channel ?? "push",
    ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}),
    ...(options.replayOf !== undefined ? { replayOf: options.replayOf } : {}),
  });
  const merged = { ...(prepared.patch ?? noPatch), ...patch };
  return { ...prepared, patch: merged, newIds: merged.files.map(() => newUploadId()) };
}
