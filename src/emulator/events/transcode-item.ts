// The one transcode output a successful emulated procedure produces (MediaTranscodeItem, vod-reference §1.7):
// template 100020 next to the original, as VOD names outputs `v.f<Definition>.<ext>`.
import type { MediaRecord } from "../emulator-state.js";

export const TRANSCODE_DEFINITION = 100020;

export function transcodeItem(media: MediaRecord): Record<string, unknown> {
  return {
    Url: `${mediaDirectory(media)}/v.f${TRANSCODE_DEFINITION}.mp4`,
    Definition: TRANSCODE_DEFINITION,
    Bitrate: 0,
    Height: 0,
    Width: 0,
    Size: media.size,
    Duration: 0,
    Container: "mov,mp4,m4a,3gp,3g2,mj2",
    Md5: "",
    VideoStreamSet: [],
    AudioStreamSet: [],
    DigitalWatermarkType: "None",
    CopyRightWatermarkText: "",
  };
}

export function mediaDirectory(media: MediaRecord): string {
  return media.mediaUrl.slice(0, media.mediaUrl.lastIndexOf("/"));
}
