// What VOD made of an upload, grouped for a player (issue 14; the Upload JSON's `outputs`): the URL to play
// (choose-playback.ts), the cover — the cover subtask's, else the one the upload came with — and each kind of output
// in a list of its own, ordered by template id. `details` holds what one kind alone has (vod-output.ts); a value of
// the wrong type there is left out rather than answered (the rows come from payloads we do not control).
import { choosePlayback, packageOf, type Playback, type PlaybackSource } from "./choose-playback.js";
import type { OutputRow } from "./output-row.js";

interface Made {
  definition: number;
  taskId: string | null;
  finishedAt: string | null;
}

export interface Rendition extends Made {
  url: string | null;
  container: string | null;
  width: number | null;
  height: number | null;
  bitrate: number | null;
  size: number | null;
  duration: number | null;
  md5: string | null;
}

export interface AdaptiveStream extends Made {
  /** HLS | DASH (upper case, however VOD wrote it), or null. */
  package: string | null;
  /** null when the stream has no DRM (VOD writes ""). */
  drmType: string | null;
  url: string | null;
}

export interface SnapshotSet extends Made {
  kind: "snapshot" | "sampleSnapshot";
  /** timeOffset in milliseconds (SnapshotByTimeOffset); null for sample snapshots. */
  images: Array<{ timeOffset: number | null; url: string }>;
}

export interface Sprite extends Made {
  imageUrls: string[];
  webVttUrl: string | null;
}

export interface AnimatedGraphic extends Made {
  url: string | null;
  container: string | null;
  width: number | null;
  height: number | null;
  size: number | null;
  duration: number | null;
}

export interface UploadOutputs {
  playback: Playback | null;
  coverUrl: string | null;
  renditions: Rendition[];
  adaptive: AdaptiveStream[];
  snapshots: SnapshotSet[];
  sprites: Sprite[];
  animatedGraphics: AnimatedGraphic[];
}

export interface OutputsSource extends PlaybackSource {
  coverUrl: string | null;
}

export function groupOutputs(upload: OutputsSource, outputs: readonly OutputRow[]): UploadOutputs {
  const ordered = [...outputs].sort((a, b) => a.definition - b.definition);
  const of = (kind: string) => ordered.filter((output) => output.kind === kind);
  return {
    playback: choosePlayback(upload, outputs),
    coverUrl: latestCover(outputs) ?? upload.coverUrl,
    renditions: of("transcode").map((o) => ({
      definition: o.definition,
      url: o.url,
      container: o.container,
      width: o.width,
      height: o.height,
      bitrate: o.bitrate,
      size: o.size,
      duration: o.duration,
      md5: o.md5,
      ...made(o),
    })),
    adaptive: of("adaptive").map((o) => ({
      definition: o.definition,
      package: packageOf(o),
      drmType: o.drmType || null,
      url: o.url,
      ...made(o),
    })),
    snapshots: ordered
      .filter((o) => o.kind === "snapshot" || o.kind === "sampleSnapshot")
      .sort((a, b) => Number(a.kind === "sampleSnapshot") - Number(b.kind === "sampleSnapshot"))
      .map((o) => ({
        kind: o.kind as SnapshotSet["kind"],
        definition: o.definition,
        images: imagesOf(o),
        ...made(o),
      })),
    sprites: of("sprite").map((o) => ({
      definition: o.definition,
      imageUrls: urlsOf(o.details.imageUrlSet),
      webVttUrl: typeof o.details.webVttUrl === "string" ? o.details.webVttUrl : null,
      ...made(o),
    })),
    animatedGraphics: of("animatedGraphic").map((o) => ({
      definition: o.definition,
      url: o.url,
      container: o.container,
      width: o.width,
      height: o.height,
      size: o.size,
      duration: o.duration,
      ...made(o),
    })),
  };
}

const made = (output: OutputRow) => ({ taskId: output.taskId, finishedAt: output.finishedAt });

/** The cover made last: by finish time, else arrival time, then the reporting event's id (output-row.ts). */
function latestCover(outputs: readonly OutputRow[]): string | null {
  let latest: OutputRow | null = null;
  for (const output of outputs) {
    if (output.kind !== "cover" || !output.url) continue;
    if (!latest || later(output, latest)) latest = output;
  }
  return latest?.url ?? null;
}

function later(a: OutputRow, b: OutputRow): boolean {
  const at = a.finishedAt ?? a.receivedAt;
  const bAt = b.finishedAt ?? b.receivedAt;
  return at !== bAt ? at > bAt : a.eventId > b.eventId;
}

/** A time-offset snapshot's picInfoSet, else a sample snapshot's imageUrlSet, else the row's one URL. */
function imagesOf(output: OutputRow): SnapshotSet["images"] {
  const { picInfoSet, imageUrlSet } = output.details;
  if (Array.isArray(picInfoSet)) {
    return picInfoSet.flatMap((item: unknown) => {
      if (typeof item !== "object" || item === null) return [];
      const { timeOffset, url } = item as Record<string, unknown>;
      if (typeof url !== "string" || url === "") return [];
      return [{ timeOffset: typeof timeOffset === "number" && Number.isFinite(timeOffset) ? timeOffset : null, url }];
    });
  }
  if (Array.isArray(imageUrlSet)) return urlsOf(imageUrlSet).map((url) => ({ timeOffset: null, url }));
  return output.url ? [{ timeOffset: null, url: output.url }] : [];
}

function urlsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((url): url is string => typeof url === "string" && url !== "");
}
