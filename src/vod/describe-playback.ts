// What `vod-tracker upload --wait` prints last: where a player plays the upload and its cover, from the status
// answer's `outputs` (GET /v1/uploads/:ref, issue 14: playback = adaptive HLS, else DASH, else the best transcode,
// else the source). A service from before outputs were kept answers none: then nothing is printed. The answer is
// read defensively, as any JSON from the network.
import { isPlainObject } from "../events/is-plain-object.js";

export function describePlayback(upload: Record<string, unknown>): string[] {
  const outputs = upload.outputs;
  if (!isPlainObject(outputs)) return [];
  const lines: string[] = [];
  const playback = outputs.playback;
  if (isPlainObject(playback) && typeof playback.url === "string") {
    const how = [playback.kind, playback.format].filter((part) => typeof part === "string" && part !== "");
    lines.push(`Playback: ${playback.url}${how.length ? ` (${how.join(" ")})` : ""}`);
  }
  if (typeof outputs.coverUrl === "string" && outputs.coverUrl !== "") lines.push(`Cover: ${outputs.coverUrl}`);
  return lines;
}
