// data.processTaskList of a 2017-format ("version 4.0") ProcedureStateChanged, after the archived page
// (tencentyun/qcloud-documents, 0-存档旧文档/任务管理与事件通知/事件通知/任务流状态变更_intl_cn.md; vod-events.md §11.5):
// camelCase subtasks whose outputs are Transcode {url, size, container, md5, bitrate, height, width, duration,
// videoStreamList, audioStreamList}, SampleSnapshot {imageUrls}, CoverBySnapshot {imageUrl} and
// SnapshotByTimeOffset {imgInfo[{timeOffset, url}]}. That format knows no adaptive streaming and documents no sprite
// subtask (commented out on the page): the HLS rendition is the 2017 HLS transcode template 220 (`f220.av.m3u8`, as
// in the archived TranscodeComplete example). The same files as the v3 event, under 2017 template numbers.
import type { MediaRecord, ProcedureTaskRecord } from "../emulator-state.js";
import { mediaDirectory } from "./media-directory.js";
import { nominalDuration, PRESET_DEFINITION, procedureOutputs } from "./procedure-outputs.js";
import { TRANSCODE_RENDITIONS } from "./transcode-item.js";

/** 2017 transcode templates standing for the v3 renditions, in the same order, then 220 = HLS. */
const LEGACY_DEFINITIONS = [10, 20, 30];
const LEGACY_HLS_DEFINITION = 220;

export function legacyProcessTaskList(task: ProcedureTaskRecord, media: MediaRecord): unknown[] {
  const ok = { status: "SUCCESS", errCode: 0, message: "" };
  if (task.outcome === "failure") {
    const input = { definition: LEGACY_DEFINITIONS[0], watermark: 0 };
    return [{ taskType: "Transcode", status: "FAIL", errCode: 30009, message: "Source file error", input }];
  }
  const dir = mediaDirectory(media);
  const duration = nominalDuration(media);
  const outputs = procedureOutputs(media);
  const transcode = (definition: number, url: string, index: number) => {
    const { width, height, bitrate } = TRANSCODE_RENDITIONS[index]!;
    const item = outputs.transcodes[index]!;
    return {
      taskType: "Transcode",
      ...ok,
      input: { definition, watermark: 0 },
      output: {
        url,
        size: item.Size,
        container: url.endsWith(".m3u8") ? "hls,applehttp" : "m4a",
        md5: item.Md5,
        bitrate,
        height,
        width,
        duration,
        videoStreamList: [{ bitrate: bitrate - 64_000, height, width, codec: "h264", fps: 25 }],
        audioStreamList: [{ codec: "aac", samplingRate: 44_100, bitrate: 64_000 }],
      },
    };
  };
  const pics = outputs.snapshotByTimeOffset.PicInfoSet as Array<{ TimeOffset: number; Url: string }>;
  return [
    ...LEGACY_DEFINITIONS.map((definition, index) => transcode(definition, `${dir}/f0.f${definition}.mp4`, index)),
    transcode(LEGACY_HLS_DEFINITION, `${dir}/f0.f${LEGACY_HLS_DEFINITION}.av.m3u8`, TRANSCODE_RENDITIONS.length - 1),
    {
      taskType: "SampleSnapshot",
      ...ok,
      input: { definition: PRESET_DEFINITION },
      output: { imageUrls: outputs.sampleSnapshot.ImageUrlSet },
    },
    {
      taskType: "CoverBySnapshot",
      ...ok,
      input: { definition: PRESET_DEFINITION, position: 0, positionType: "Time" },
      output: { imageUrl: outputs.cover.CoverUrl },
    },
    {
      taskType: "SnapshotByTimeOffset",
      ...ok,
      input: { definition: PRESET_DEFINITION, timeOffset: pics.map((pic) => pic.TimeOffset) },
      output: { imgInfo: pics.map((pic) => ({ timeOffset: pic.TimeOffset, url: pic.Url })) },
    },
  ];
}
