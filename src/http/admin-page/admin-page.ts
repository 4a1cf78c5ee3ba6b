// The admin web page (DESIGN §6 `GET /admin/`). The page holds no data: the admin token is typed into it and every
// figure comes from the admin API with that token. So it is served WITHOUT the bearer check, mounted before the
// /admin routers, and answers only its own fixed paths; anything else under /admin falls through to requireBearer.
// The assets are plain files in ./assets, read from next to this module: src/http/admin-page/assets under
// tsx/jest, dist/http/admin-page/assets after `npm run build` (tsc does not copy them; the build script does).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RequestHandler } from "express";

const ASSETS_DIR = new URL("./assets/", import.meta.url);

// Same origin only, no inline script or style: the page renders data with textContent, and the CSP is the second
// wall. form-action 'none': should the script fail to load, the sign-in form cannot send the token anywhere.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const ASSETS: Record<string, { file: string; type: string }> = {
  "/admin/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/admin/admin.js": { file: "admin.js", type: "text/javascript; charset=utf-8" },
  "/admin/admin.css": { file: "admin.css", type: "text/css; charset=utf-8" },
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

function readAsset(file: string): Buffer {
  const url = new URL(file, ASSETS_DIR);
  try {
    return readFileSync(url);
  } catch (error) {
    throw new Error(
      `admin page asset missing: ${fileURLToPath(url)} (the build copies src/http/admin-page/assets next to the compiled module)`,
      { cause: error },
    );
  }
}
