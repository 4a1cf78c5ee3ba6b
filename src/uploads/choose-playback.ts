// Which URL a player should use (issue 14; the Upload JSON's outputs.playback). An adaptive stream when VOD made
// one: HLS first (hls.js or the browser itself plays it; the lowest template id, a stream without DRM before one
// with), then DASH, then one of another package. Else the best transcode: the tallest, then the highest bitrate.
// Else the source file. None while the file is not there yet (PENDING) or no more (DELETED), whatever outputs the
// table still holds (a whole delete leaves them in place).
// Only transcodes and adaptive streams with a URL are candidates (servesPlayback): the ?ready=playable filter asks
// PostgreSQL the same question (src/db/ready-sql.ts), and test/api/ready-filter.test.ts holds the two together.
import type { OutputRow } from "./output-row.js";
import type { UploadStatus } from "./upload-state.js";

export type PlaybackKind = "adaptive" | "transcode" | "source";

export interface Playback {
  url: string;
  kind: PlaybackKind;
  /** hls | dash | mp4 | … (from the package, the URL's extension, else the container or media type); null if none. */
  format: string | null;
  /** The template id of the stream or transcode; null for the source. */
  definition: number | null;
}

export interface PlaybackSource {
  status: UploadStatus;
  mediaUrl: string | null;
  mediaType: string | null;
}

/** Statuses with nothing to play, whatever is stored. */
export const unplayableStatuses: readonly UploadStatus[] = ["PENDING", "DELETED"];

export function servesPlayback(output: Pick<OutputRow, "kind" | "url">): boolean {
  return (output.kind === "transcode" || output.kind === "adaptive") && !!output.url;
}

export function choosePlayback(upload: PlaybackSource, outputs: readonly OutputRow[]): Playback | null {
  if (unplayableStatuses.includes(upload.status)) return null;
  let best: { output: OutputRow; rank: number[] } | null = null;
  for (const output of outputs) {
    if (!servesPlayback(output)) continue;
    const rank = rankOf(output);
    if (!best || before(rank, best.rank)) best = { output, rank };
  }
  if (best) {
    const { output } = best;
    const kind = output.kind as "adaptive" | "transcode";
    const format = kind === "adaptive" ? (packageFormat(output) ?? urlFormat(output.url)) : transcodeFormat(output);
    return { url: output.url as string, kind, format, definition: output.definition };
  }
  if (!upload.mediaUrl) return null;
  return {
    url: upload.mediaUrl,
    kind: "source",
    format: urlFormat(upload.mediaUrl) ?? upload.mediaType?.toLowerCase() ?? null,
    definition: null,
  };
}

/** Smaller is better, compared element by element. */
function rankOf(output: OutputRow): number[] {
  if (output.kind === "adaptive") {
    const format = packageFormat(output);
    const tier = format === "hls" ? 0 : format === "dash" ? 1 : 2;
    return [tier, output.drmType ? 1 : 0, output.definition];
  }
  return [3, -(output.height ?? 0), -(output.bitrate ?? 0), output.definition];
}

function before(a: number[], b: number[]): boolean {
  for (let at = 0; at < a.length; at += 1) {
    const x = a[at] as number;
    const y = b[at] as number;
    if (x !== y) return x < y;
  }
  return false;
}

/** VOD writes HLS / DASH in events and the SDK, hls / dash in its guides: compared without case. */
export function packageOf(output: Pick<OutputRow, "details">): string | null {
  const value = output.details.package;
  return typeof value === "string" && value !== "" ? value.toUpperCase() : null;
}

function packageFormat(output: OutputRow): string | null {
  const name = packageOf(output);
  return name === "HLS" ? "hls" : name === "DASH" ? "dash" : null;
}

function transcodeFormat(output: OutputRow): string | null {
  const fromUrl = urlFormat(output.url);
  if (fromUrl) return fromUrl;
  // ffmpeg's demuxer names, as VOD reports them: "mov,mp4,m4a,3gp,3g2,mj2" is the MP4 family.
  const names = (output.container ?? "").toLowerCase().split(",").filter(Boolean);
  if (names.includes("mp4")) return "mp4";
  return names[0] ?? null;
}

const formatOfExtension: Record<string, string> = { m3u8: "hls", mpd: "dash" };

/** From the URL path's extension: …/v.f100030.mp4 → mp4, …/adp.10.m3u8 → hls; null when there is none. */
function urlFormat(url: string | null): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot < 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  if (!/^[a-z0-9]{1,8}$/.test(extension)) return null;
  return formatOfExtension[extension] ?? extension;
}
