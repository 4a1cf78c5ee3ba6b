// `npm run build`, which `npm start` runs first (issue 11 item 11): it compiles only what changed, so a restart on
// an unchanged tree does not wait for a full compile, and it still rebuilds what is missing from dist/. Run in a
// copy of the repository's sources, so the build under test never touches the dist/ of the work tree.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILD_INPUTS = ["src", "package.json", "tsconfig.json", "tsconfig.build.json", "build.js"];

let dir: string;
const at = (path: string) => join(dir, path);
const build = () =>
  execFileSync("npm", ["run", "--silent", "build"], { cwd: dir, encoding: "utf8", stdio: "pipe", timeout: 180_000 });
const modifiedAt = (path: string) => statSync(at(path)).mtimeMs;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vod-tracker-build-"));
  for (const input of BUILD_INPUTS) cpSync(join(ROOT, input), at(input), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), at("node_modules"), "dir");
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// One sequence: each step starts from the dist/ the previous one left, as successive `npm start`s do.
describe("npm run build", () => {
  test("builds a tree without dist/: the compiled service and the admin page's assets", () => {
    build();
    for (const output of [
      "dist/main.js",
      "dist/cli.js",
      "dist/http/admin-page/assets/index.html",
      "dist/http/admin-page/assets/admin.css",
      "dist/http/admin-page/assets/admin.js",
    ]) {
      expect(existsSync(at(output))).toBe(true);
    }
  }, 240_000);

  test("rewrites no compiled file when nothing changed", () => {
    const before = [modifiedAt("dist/main.js"), modifiedAt("dist/config.js")];
    build();
    expect([modifiedAt("dist/main.js"), modifiedAt("dist/config.js")]).toEqual(before);
  }, 240_000);

  test("compiles a changed source again", () => {
    const source = at("src/config.ts");
    writeFileSync(source, `${readFileSync(source, "utf8")}\nexport const buildTestMarker = "changed";\n`);
    build();
    expect(readFileSync(at("dist/config.js"), "utf8")).toContain("buildTestMarker");
  }, 240_000);

  test("rebuilds a compiled file and an asset deleted from dist/", () => {
    rmSync(at("dist/http/serve.js"));
    rmSync(at("dist/http/admin-page/assets/admin.css"));
    build();
    expect(existsSync(at("dist/http/serve.js"))).toBe(true);
    expect(readFileSync(at("dist/http/admin-page/assets/admin.css"), "utf8")).toBe(
      readFileSync(at("src/http/admin-page/assets/admin.css"), "utf8"),
    );
  }, 240_000);

  test("fails on a type error, and again on the next run with nothing changed", () => {
    writeFileSync(at("src/build-test-error.ts"), `export const wrong: number = "text";\n`);
    expect(build).toThrow();
    expect(build).toThrow();
  }, 240_000);
});
