// `npm run build` and `npm start`: compile only what changed (`tsc --build` compares the sources with
// dist/.tsbuildinfo and does nothing on an unchanged tree), then copy the admin page's assets.
// Hazard: tsc trusts its build info and never looks at the outputs, so a deleted dist/ file would stay missing
// (microsoft/TypeScript#30602). When any expected output is missing we drop the build info, and tsc emits all.
// The build info lives in dist/ so that deleting dist/ deletes both.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const SRC = "src";
const DIST = "dist";
const BUILD_INFO = join(DIST, ".tsbuildinfo");
const ASSETS = join("http", "admin-page", "assets");

const sources = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
  (file) => file.endsWith(".ts") && !file.endsWith(".d.ts"),
);
const missing = sources.some((file) => !existsSync(join(DIST, file.replace(/\.ts$/, ".js"))));
if (missing) rmSync(BUILD_INFO, { force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "--build", "tsconfig.build.json"], { stdio: "inherit" });
if (compiled.status !== 0) {
  console.error(`build failed: tsc exited with ${compiled.status ?? compiled.signal}`);
  process.exit(1);
}

// Three small files: copying them every time costs less than deciding whether to.
cpSync(join(SRC, ASSETS), join(DIST, ASSETS), { recursive: true });
