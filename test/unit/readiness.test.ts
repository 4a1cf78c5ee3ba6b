// The two ready levels (src/uploads/readiness.ts), table-driven, and playable held to choosePlayback: ready.playable
// is true exactly when the JSON's outputs.playback is not null, over every combination of the facts both read.
import { choosePlayback, servesPlayback } from "../../src/uploads/choose-playback.js";
import type { OutputRow } from "../../src/uploads/output-row.js";
import { readiness, type ReadinessFacts } from "../../src/uploads/readiness.js";
import { uploadStatuses } from "../../src/uploads/upload-state.js";

const mediaUrl = "https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/5285890784273533167/q1BORBPQH1IA.mp4";
const facts = (fields: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  status: "PROCESSED",
  mediaUrl,
  procedure: null,
  procedureTaskId: null,
  playableOutputs: false,
  taskStatuses: [],
  ...fields,
});

const cases: Array<[string, Partial<ReadinessFacts>, { playable: boolean; complete: boolean }]> = [
  ["an upload with no task flow is playable and complete", { status: "UPLOADED" }, { playable: true, complete: true }],
  ["a PENDING upload is neither", { status: "PENDING", mediaUrl: null }, { playable: false, complete: false }],
  [
    "a DELETED upload is not playable, yet complete",
    { status: "DELETED", playableOutputs: true },
    { playable: false, complete: true },
  ],
  ["a running task flow leaves it incomplete", { status: "PROCESSING" }, { playable: true, complete: false }],
  [
    "a task still PROCESSING leaves it incomplete",
    { taskStatuses: ["FINISH", "PROCESSING"] },
    { playable: true, complete: false },
  ],
  ["every task FINISH completes it", { taskStatuses: ["FINISH", "FINISH"] }, { playable: true, complete: true }],
  [
    "a failed task flow is finished: complete",
    { status: "FAILED", taskStatuses: ["FINISH"] },
    { playable: true, complete: true },
  ],
  [
    "a template asked for with no task heard of is incomplete",
    { status: "UPLOADED", procedure: "LongVideoPreset" },
    { playable: true, complete: false },
  ],
  [
    "a template asked for with its task id known is complete",
    { procedure: "LongVideoPreset", procedureTaskId: "1256768367-procedurev2-t1" },
    { playable: true, complete: true },
  ],
  [
    "a template asked for with a task heard of is complete",
    { procedure: "LongVideoPreset", taskStatuses: ["FINISH"] },
    { playable: true, complete: true },
  ],
  [
    "no source URL but a stream: playable",
    { mediaUrl: null, playableOutputs: true },
    { playable: true, complete: true },
  ],
  ["no source URL and no stream: not playable", { mediaUrl: null }, { playable: false, complete: true }],
];

test.each(cases)("%s", (_name, fields, expected) => {
  expect(readiness(facts(fields))).toEqual(expected);
});

test("ready.playable is true exactly when choosePlayback answers a URL", () => {
  const at = "2026-11-30T09:10:00.000Z";
  const row = (kind: string, url: string | null, pkg?: string): OutputRow => ({
    kind,
    definition: 10,
    url,
    container: null,
    width: null,
    height: 720,
    bitrate: null,
    size: null,
    duration: null,
    md5: null,
    drmType: null,
    details: pkg ? { package: pkg } : {},
    taskId: null,
    finishedAt: null,
    receivedAt: at,
    eventId: 1,
  });
  const outputSets: OutputRow[][] = [
    [],
    [row("cover", "https://x/c.jpg"), row("sprite", "https://x/s.jpg")],
    [row("transcode", "https://x/v.f20.mp4")],
    [row("transcode", null)],
    [row("transcode", "")],
    [row("adaptive", "https://x/adp.10.m3u8", "HLS")],
    [row("adaptive", "https://x/adp.10.mpd", "DASH")],
    [row("adaptive", "https://x/adp.10.ism", "SmoothStreaming")],
    [row("adaptive", null, "HLS"), row("other", "https://x/o")],
  ];
  let checked = 0;
  for (const status of uploadStatuses) {
    for (const url of [mediaUrl, null, ""]) {
      for (const outputs of outputSets) {
        const playback = choosePlayback({ status, mediaUrl: url, mediaType: "mp4" }, outputs);
        const ready = readiness(facts({ status, mediaUrl: url, playableOutputs: outputs.some(servesPlayback) }));
        expect({ status, url, outputs, playable: ready.playable }).toEqual({
          status,
          url,
          outputs,
          playable: playback !== null,
        });
        checked += 1;
      }
    }
  }
  expect(checked).toBe(uploadStatuses.length * 3 * outputSets.length);
});
