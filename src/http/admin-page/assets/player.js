// The player for an upload's `outputs.playback` (the URL the status API says a player should use): hls.js for an
// HLS stream, a plain <video> for MP4 and the other files a browser plays itself, a link only for DASH.
// hls.js (hls.light.min.mjs from node_modules, served by admin-page.ts) is imported only when an HLS stream is
// shown, so the page stays light; its web worker is off because the CSP allows no worker (it then demuxes on the
// main thread, which a 2-second admin preview does not notice).
import { el, hint, isHttpUrl, link } from "./dom.js";

let current = null;

/** Stops the stream of the card shown before, if any: a re-rendered card must not leave hls.js loading. */
export function stopPlayer() {
  current?.destroy();
  current = null;
}

/** A figure with the player and what it plays, or a hint when there is nothing to play. */
export function player(playback, posterUrl) {
  stopPlayer();
  if (!playback) return hint("Nothing to play: no output yet, or the upload is pending or deleted.");
  const caption = el(
    "figcaption",
    {},
    el("strong", {}, playback.kind),
    playback.format ? ` · ${playback.format}` : null,
    playback.definition !== null && playback.definition !== undefined ? ` · definition ${playback.definition}` : null,
    " · ",
    link(playback.url),
  );
  if (!isHttpUrl(playback.url))
    return el("figure", { class: "player" }, hint("The playback URL is not http(s): not played."), caption);
  if (playback.format === "dash")
    return el("figure", { class: "player" }, hint("A DASH stream: open it in a DASH player."), caption);
  const video = el("video", {
    controls: true,
    muted: true,
    playsinline: true,
    preload: "metadata",
    poster: isHttpUrl(posterUrl) ? posterUrl : null,
    "data-format": playback.format ?? "",
  });
  const problem = el("p", { class: "error player-error", role: "alert", hidden: true });
  const fail = (text) => {
    problem.textContent = text;
    problem.hidden = false;
  };
  video.addEventListener("error", () => fail(`The browser could not play it (media error ${video.error?.code}).`));
  if (playback.format === "hls") playHls(video, playback.url, fail);
  else video.src = playback.url;
  return el("figure", { class: "player" }, video, problem, caption);
}

async function playHls(video, url, fail) {
  let Hls;
  try {
    ({ default: Hls } = await import("./hls.light.min.mjs"));
  } catch (error) {
    return fail(`Could not load hls.js: ${error.message}`);
  }
  // The card was shown again (Refresh, another upload) while hls.js loaded: this video is gone.
  if (!video.isConnected) return;
  if (!Hls.isSupported()) {
    // No Media Source Extensions (iOS Safari): the browser's own HLS, where it has one.
    if (video.canPlayType("application/vnd.apple.mpegurl")) video.src = url;
    else fail("This browser plays no HLS (no Media Source Extensions, no native HLS).");
    return;
  }
  const hls = new Hls({ enableWorker: false });
  current = hls;
  video.dataset.player = "hls.js";
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) fail(`hls.js: ${data.type} ${data.details}${data.response ? ` (HTTP ${data.response.code})` : ""}`);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
}
