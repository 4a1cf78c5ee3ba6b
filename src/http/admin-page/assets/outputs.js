// What VOD made of an upload (the status API's `outputs` and `ready`): cover and player side by side, then the
// renditions, the adaptive streams, snapshots, sprites and animated graphics. Sections with nothing in them are
// left out, so an upload without a task flow shows the player (its source file) and one line.
import { dash, el, hint, isHttpUrl, link, thumbnail } from "./dom.js";
import { player } from "./player.js";

/** playable / complete / publishable as badges (publishable only from a service that answers it); nothing when
 *  the API answers no `ready` (an older service). */
export function readyBadges(ready) {
  if (!ready) return null;
  const mark = (name) =>
    el(
      "span",
      { class: `badge ready-${ready[name] ? "yes" : "no"}`, "data-ready": name },
      `${ready[name] ? "✓" : "✗"} ${name}`,
    );
  return el(
    "p",
    { class: "ready" },
    mark("playable"),
    mark("complete"),
    "publishable" in ready ? mark("publishable") : null,
  );
}

export function outputsSection(outputs) {
  if (!outputs) return null;
  const { playback, coverUrl, renditions = [], adaptive = [], snapshots = [], sprites = [] } = outputs;
  const animated = outputs.animatedGraphics ?? [];
  return el(
    "div",
    { class: "outputs" },
    el(
      "div",
      { class: "media" },
      isHttpUrl(coverUrl)
        ? el("figure", { class: "cover" }, thumbnail(coverUrl, "cover"), el("figcaption", {}, "cover"))
        : el("figure", { class: "cover none" }, coverUrl ? link(coverUrl) : hint("No cover.")),
      player(playback, coverUrl),
    ),
    renditions.length ? [el("h3", {}, `Renditions (${renditions.length})`), renditionTable(renditions)] : null,
    adaptive.length ? [el("h3", {}, `Adaptive streams (${adaptive.length})`), adaptiveTable(adaptive)] : null,
    snapshots.length ? [el("h3", {}, "Snapshots"), snapshots.map(snapshotSet)] : null,
    sprites.length ? [el("h3", {}, "Image sprites"), sprites.map(spriteSet)] : null,
    animated.length ? [el("h3", {}, "Animated graphics"), animatedList(animated)] : null,
  );
}

const scrollTable = (headings, rows, className) =>
  el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: className },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          headings.map((h) => el("th", {}, h)),
        ),
      ),
      el("tbody", {}, rows),
    ),
  );
const cell = (value) => el("td", {}, value === null || value === undefined || value === "" ? dash() : value);
const numberCell = (value, format) =>
  value === null || value === undefined ? cell(null) : el("td", { class: "num", title: String(value) }, format(value));

function renditionTable(renditions) {
  const rows = renditions.map((r) =>
    el(
      "tr",
      { "data-definition": r.definition },
      cell(r.definition),
      cell(r.width && r.height ? `${r.width}×${r.height}` : null),
      numberCell(r.bitrate, bitrate),
      numberCell(r.size, bytes),
      cell(r.container),
      numberCell(r.duration, seconds),
      el("td", { class: "url" }, link(r.url)),
    ),
  );
  const headings = ["Definition", "Resolution", "Bitrate", "Size", "Container", "Duration", "URL"];
  return scrollTable(headings, rows, "renditions");
}

function adaptiveTable(streams) {
  const rows = streams.map((s) =>
    el(
      "tr",
      { "data-definition": s.definition },
      cell(s.definition),
      cell(s.package),
      cell(s.drmType || "none"),
      el("td", { class: "url" }, link(s.url)),
    ),
  );
  return scrollTable(["Definition", "Package", "DRM", "URL"], rows, "adaptive");
}

function snapshotSet(set) {
  const label = set.kind === "sampleSnapshot" ? "sample snapshots" : "snapshots by time offset";
  return el(
    "figure",
    { class: "thumbs", "data-kind": set.kind },
    el("figcaption", {}, `${label} · definition ${set.definition} · ${set.images.length} image(s)`),
    el(
      "div",
      { class: "thumb-row" },
      set.images.map((image, i) =>
        el(
          "span",
          { class: "shot" },
          thumbnail(image.url, `${label} ${i + 1}`, { loading: "lazy" }) ?? link(image.url),
          image.timeOffset === null || image.timeOffset === undefined
            ? null
            : el("small", {}, offset(image.timeOffset)),
        ),
      ),
    ),
  );
}

function spriteSet(sprite) {
  return el(
    "figure",
    { class: "thumbs", "data-kind": "sprite" },
    el(
      "figcaption",
      {},
      `definition ${sprite.definition} · ${sprite.imageUrls.length} sprite image(s) · `,
      sprite.webVttUrl ? link(sprite.webVttUrl, "WebVTT") : "no WebVTT",
    ),
    el(
      "div",
      { class: "thumb-row sprites" },
      sprite.imageUrls.map((url, i) => thumbnail(url, `sprite ${i + 1}`, { loading: "lazy" }) ?? link(url)),
    ),
  );
}

function animatedList(items) {
  const rows = items.map((a) =>
    el(
      "tr",
      { "data-definition": a.definition },
      cell(a.definition),
      cell(thumbnail(a.url, `animated graphic ${a.definition}`, { loading: "lazy" })),
      cell(a.container),
      cell(a.width && a.height ? `${a.width}×${a.height}` : null),
      numberCell(a.size, bytes),
      numberCell(a.duration, seconds),
      el("td", { class: "url" }, link(a.url)),
    ),
  );
  const headings = ["Definition", "Preview", "Container", "Resolution", "Size", "Duration", "URL"];
  return scrollTable(headings, rows, "animated");
}

// ---- Numbers as people read them (the exact value is the cell's title) -------------------------------------------
export function bytes(n) {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
const bitrate = (bps) => (bps < 1e6 ? `${Math.round(bps / 1e3)} kbps` : `${(bps / 1e6).toFixed(2)} Mbps`);
const seconds = (s) => (s < 600 ? `${Number(s.toFixed(1))} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);
/** A snapshot's TimeOffset is in milliseconds (MediaSnapshotByTimeOffsetItem.PicInfoSet, docs/vod-events.md §11.2). */
const offset = (ms) => (ms < 1000 ? `${ms} ms` : seconds(ms / 1000));
