// The admin web page (DESIGN §6 `GET /admin/`). The page holds no data: the admin token is typed into it and every
// figure comes from the admin API with that token. So it is served WITHOUT the bearer check, mounted before the
// /admin routers, and answers only its own fixed paths; anything else under /admin falls through to requireBearer.
// The assets are plain files in ./assets, read from next to this module: src/http/admin-page/assets under
// tsx/jest, dist/http/admin-page/assets after `npm run build` (tsc does not copy them; the build script does).
// hls.js, the player of HLS outputs, is served from node_modules (a runtime dependency), so the page works offline.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RequestHandler } from "express";

const ASSETS_DIR = new URL("./assets/", import.meta.url);
// The light build (no EME, subtitles or alternate audio): an admin preview needs none of them.
const HLS_JS = pathToFileURL(createRequire(import.meta.url).resolve("hls.js/dist/hls.light.min.mjs"));

// Scripts and styles from the page's origin only, no inline script or style: the page renders data with
// textContent, and the CSP is the second wall. form-action 'none': should the script fail to load, the sign-in
// form cannot send the token anywhere. What VOD made lives on VOD's CDN (any host: a custom domain is common, and
// MediaUrl is often http), so images (cover, snapshots, sprites, the poster) and media come from any http(s) URL,
// connect-src too because hls.js fetches the playlist and segments itself, and blob: is the MediaSource hls.js
// gives the <video>. The page puts a URL in a src only when it is http(s) (dom.js). No worker-src: hls.js runs
// with its worker off.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' http: https:",
  "img-src 'self' http: https:",
  "media-src 'self' http: https: blob:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const HTML = "text/html; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
const ASSETS: Record<string, { file: URL; type: string }> = {
  "/admin/": { file: asset("index.html"), type: HTML },
  "/admin/admin.css": { file: asset("admin.css"), type: "text/css; charset=utf-8" },
  "/admin/admin.js": { file: asset("admin.js"), type: JS },
  "/admin/dom.js": { file: asset("dom.js"), type: JS },
  "/admin/endpoints.js": { file: asset("endpoints.js"), type: JS },
  "/admin/notifications.js": { file: asset("notifications.js"), type: JS },
  "/admin/outputs.js": { file: asset("outputs.js"), type: JS },
  "/admin/player.js": { file: asset("player.js"), type: JS },
  "/admin/review.js": { file: asset("review.js"), type: JS },
  "/admin/tasks.js": { file: asset("tasks.js"), type: JS },
  "/admin/hls.light.min.mjs": { file: HLS_JS, type: JS },
};

/** Reads the assets once, here, so a build that forgot to copy them fails at start and not on first view. */
export function adminPage(): RequestHandler {
  const served = new Map(
    Object.entries(ASSETS).map(([path, { file, type }]) => [path, { type, body: readAsset(file) }]),
  );
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // Relative, so the page also works behind a proxy that adds a path prefix.
    if (req.path === "/admin") return res.redirect(301, "admin/");
    const asset = served.get(req.path);
    if (!asset) return next();
    res.set({
      "Content-Type": asset.type,
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
    });
    res.send(asset.body);
  };
}

function asset(file: string): URL {
  return new URL(file, ASSETS_DIR);
}

function readAsset(url: URL): Buffer {
  try {
    return readFileSync(url);
  } catch (error) {
    throw new Error(
      `admin page asset missing: ${fileURLToPath(url)} (the build copies src/http/admin-page/assets next to the compiled module; hls.js comes with npm install)`,
      { cause: error },
    );
  }
}
