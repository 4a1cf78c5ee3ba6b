// MediaMetaData (vod-reference §1.5). The emulator does not probe media, so only Size is real; the stream fields
// are present with neutral values, as VOD sends them for files it could not analyse.
import type { MediaRecord } from "../emulator-state.js";

export function mediaMetaData(media: MediaRecord): Record<string, unknown> {
  return {
    Size: media.size,
    Container: media.type,
    Bitrate: 0,
    Height: 0,
    Width: 0,
    Duration: 0,
    Rotate: 0,
    VideoStreamSet: [],
    AudioStreamSet: [],
    VideoDuration: 0,
    AudioDuration: 0,
    Md5: "",
  };
}
