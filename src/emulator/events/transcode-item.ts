// One transcode output (MediaTranscodeItem, SDK vod_models; vod-events.md §11.2) per rendition of the preset MP4
// templates the emulated task flow runs. VOD names outputs `v.f<Definition>.<ext>` beside the original. The
// emulator does not decode media: a rendition's numbers follow from its template and the nominal duration.
import { createHash } from "node:crypto";
import type { MediaRecord } from "../emulator-state.js";
import { mediaDirectory } from "./media-directory.js";

export interface Rendition {
  definition: number;
  width: number;
  height: number;
  /** bps, as MediaTranscodeItem.Bitrate. */
  bitrate: number;
}

/** The emulator's renditions: three of VOD's preset MP4 templates (sizes illustrative). */
export const TRANSCODE_RENDITIONS: readonly Rendition[] = Object.freeze([
  { definition: 100010, width: 640, height: 360, bitrate: 400_000 },
  { definition: 100020, width: 960, height: 540, bitrate: 1_000_000 },
  { definition: 100030, width: 1280, height: 720, bitrate: 1_800_000 },
]);

export function transcodeItem(media: MediaRecord, rendition: Rendition, duration: number): Record<string, unknown> {
  const { definition, width, height, bitrate } = rendition;
  return {
    Url: `${mediaDirectory(media)}/v.f${definition}.mp4`,
    Definition: definition,
    Bitrate: bitrate,
    Height: height,
    Width: width,
    Size: Math.round((bitrate * duration) / 8),
    Duration: duration,
    Container: "mov,mp4,m4a,3gp,3g2,mj2",
    Md5: createHash("md5").update(`${media.fileId}/${definition}`).digest("hex"),
    VideoStreamSet: [{ Bitrate: bitrate - 64_000, Height: height, Width: width, Codec: "h264", Fps: 25 }],
    AudioStreamSet: [{ Bitrate: 64_000, SamplingRate: 44_100, Codec: "aac" }],
    DigitalWatermarkType: "None",
    CopyRightWatermarkText: "",
  };
}
