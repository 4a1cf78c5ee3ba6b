// What a successful emulated task flow produces, in the SDK's output models (vod_models; vod-events.md §11):
// a transcode per rendition (MediaTranscodeItem), an adaptive HLS stream (AdaptiveDynamicStreamingInfoItem), a
// cover (CoverBySnapshotTaskOutput), time-offset snapshots (MediaSnapshotByTimeOffsetItem), sample snapshots
// (MediaSampleSnapshotItem) and an image sprite (MediaImageSpriteItem). One pure function feeds both the
// ProcedureStateChanged event and DescribeMediaInfos, so the two always name the same URLs.
// URL shapes follow VOD's (a real callback in dujianzhang/yunjiao: coverBySnapshot/coverBySnapshot_10_0.jpg,
// imageSprite/imageSprite_10_0.jpg, imageSprite_10.vtt, adp.10.m3u8); the snapshot file names are [INFERRED].
import type { MediaRecord } from "../emulator-state.js";
import { mediaDirectory } from "./media-directory.js";
import { TRANSCODE_RENDITIONS, transcodeItem } from "./transcode-item.js";

/** Preset template 10 of each screenshot and adaptive-streaming kind, as in Tencent's examples. */
export const PRESET_DEFINITION = 10;
/** Where the time-offset snapshots are taken, in milliseconds (MediaSnapshotByTimePicInfoItem.TimeOffset). */
const SNAPSHOT_OFFSETS_MS = [0, 1_000, 2_000];
const SAMPLE_COUNT = 3;

export interface ProcedureOutputs {
  transcodes: Array<Record<string, unknown>>;
  adaptive: Array<Record<string, unknown>>;
  cover: { Definition: number; CoverUrl: string };
  snapshotByTimeOffset: Record<string, unknown>;
  sampleSnapshot: Record<string, unknown>;
  imageSprite: Record<string, unknown>;
}

/** Seconds the emulator pretends a file lasts (it does not decode media): 1 s per 125 kB, a 1 Mbit/s source. */
export function nominalDuration(media: MediaRecord): number {
  return Math.max(1, Math.round(media.size / 125_000));
}

export function procedureOutputs(media: MediaRecord): ProcedureOutputs {
  const dir = mediaDirectory(media);
  const duration = nominalDuration(media);
  const definition = PRESET_DEFINITION;
  const transcodes = TRANSCODE_RENDITIONS.map((rendition) => transcodeItem(media, rendition, duration));
  return {
    transcodes,
    adaptive: [
      {
        Definition: definition,
        Package: "HLS",
        DrmType: "",
        Url: `${dir}/adp.${definition}.m3u8`,
        Size: transcodes.reduce((sum, item) => sum + (item.Size as number), 0),
        DigitalWatermarkType: "None",
        SubStreamSet: TRANSCODE_RENDITIONS.map(({ width, height }, index) => ({
          Type: "video",
          Width: width,
          Height: height,
          Size: transcodes[index]!.Size,
        })),
      },
    ],
    cover: { Definition: definition, CoverUrl: `${dir}/coverBySnapshot/coverBySnapshot_${definition}_0.jpg` },
    snapshotByTimeOffset: {
      Definition: definition,
      PicInfoSet: SNAPSHOT_OFFSETS_MS.map((offset) => ({
        TimeOffset: offset,
        Url: `${dir}/snapshotByTimeOffset/snapshotByTimeOffset_${definition}_${offset}.jpg`,
        WaterMarkDefinition: [],
      })),
    },
    sampleSnapshot: {
      Definition: definition,
      SampleType: "Percent",
      Interval: Math.floor(100 / SAMPLE_COUNT),
      ImageUrlSet: Array.from(
        { length: SAMPLE_COUNT },
        (_, index) => `${dir}/sampleSnapshot/sampleSnapshot_${definition}_${index}.jpg`,
      ),
      WaterMarkDefinition: [],
    },
    imageSprite: {
      Definition: definition,
      Height: 80,
      Width: 142,
      TotalCount: 10,
      ImageUrlSet: [`${dir}/imageSprite/imageSprite_${definition}_0.jpg`],
      WebVttUrl: `${dir}/imageSprite/imageSprite_${definition}.vtt`,
    },
  };
}
