// The folder of a file's playback URL: VOD writes every derived file (transcodes, streams, snapshots, sprites)
// beside the original, e.g. `…/<FileId>/v.f100020.mp4`, `…/<FileId>/adp.10.m3u8` (vod-events.md §11).
import type { MediaRecord } from "../emulator-state.js";

export function mediaDirectory(media: MediaRecord): string {
  return media.mediaUrl.slice(0, media.mediaUrl.lastIndexOf("/"));
}
