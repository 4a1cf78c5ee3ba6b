// The layer rules (docs/architecture.md §2, .dependency-cruiser.cjs) fail `npm run layers` on a wrong-way import.
// Asked of dependency-cruiser itself, as the npm script runs it, on a small tree of planted modules in a temporary
// directory: one run, so the check stays fast, and the work tree is never touched.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

// Each planted import, and the rule that must refuse it (null: an import the layers allow).
const imports: { from: string; to: string; rule: string | null }[] = [
  { from: "src/events/wrong-http.ts", to: "src/http/app.ts", rule: "events-pure" },
  { from: "src/events/wrong-uploads.ts", to: "src/uploads/rule.ts", rule: "events-pure" },
  { from: "src/uploads/wrong-logger.ts", to: "src/logger.ts", rule: "uploads-pure" },
  { from: "src/uploads/wrong-fs.ts", to: "node:fs", rule: "pure-core-without-io" },
  { from: "src/events/wrong-express.ts", to: "express", rule: "pure-core-without-io" },
  { from: "src/ingest/wrong-pg.ts", to: "pg", rule: "only-db-talks-to-the-database" },
  { from: "src/ingest/wrong-vod.ts", to: "src/vod/client.ts", rule: "ingest-above-db" },
  { from: "src/db/wrong-ingest.ts", to: "src/ingest/ingest.ts", rule: "db-below-use-cases" },
  { from: "src/http/wrong-generated.ts", to: "src/db/generated/client.ts", rule: "only-db-talks-to-the-database" },
  { from: "src/http/wrong-command.ts", to: "src/commands/command.ts", rule: "http-not-commands" },
  { from: "src/vod/wrong-http.ts", to: "src/http/app.ts", rule: "vod-not-http" },
  { from: "src/emulator/wrong-errors.ts", to: "src/errors.ts", rule: "emulator-imports-nothing-of-ours" },
  { from: "src/http/wrong-emulator.ts", to: "src/emulator/start.ts", rule: "emulator-started-by-its-command-only" },
  { from: "src/errors.ts", to: "src/events/event.ts", rule: "leaves-stay-leaves" },
  { from: "src/vod/wrong-test.ts", to: "test/support/helper.ts", rule: "src-not-tests-or-bench" },
  { from: "test/wrong-bench.ts", to: "bench/load.ts", rule: "tests-not-bench" },
  { from: "src/db/cycle-a.ts", to: "src/db/cycle-b.ts", rule: "no-circular" },
  { from: "src/db/cycle-b.ts", to: "src/db/cycle-a.ts", rule: "no-circular" },
  { from: "src/uploads/rule.ts", to: "src/events/event.ts", rule: null },
  { from: "src/ingest/ingest.ts", to: "src/db/repository.ts", rule: null },
  { from: "src/db/repository.ts", to: "src/uploads/rule.ts", rule: null },
  { from: "src/http/app.ts", to: "src/ingest/ingest.ts", rule: null },
  { from: "src/commands/emulator-command.ts", to: "src/emulator/start.ts", rule: null },
  { from: "bench/load.ts", to: "test/support/helper.ts", rule: null },
];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir: string;
let violations: Violation[];
let status: number | null;
const CYCLE = "no-circular";

// A planted file of ours, or a module (node:fs, pg) imported by name.
const isOurs = (path: string) => /^(src|test|bench)\//.test(path);

function importPath(from: string, to: string): string {
  if (!isOurs(to)) return to;
  const up = dirname(from)
    .split("/")
    .map(() => "..");
  return [...up, to.replace(/\.ts$/, ".js")].join("/");
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vod-tracker-layers-"));
  for (const file of [".dependency-cruiser.cjs", "tsconfig.json", "package.json"])
    cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const sources = new Map<string, string[]>();
  for (const { from, to } of imports) {
    sources.set(from, [...(sources.get(from) ?? []), `import "${importPath(from, to)}";`]);
    if (isOurs(to) && !sources.has(to)) sources.set(to, []);
  }
  for (const [file, lines] of sources) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), `${lines.join("\n")}\nexport {};\n`);
  }
  const json = spawnSync(
    process.execPath,
    [DEPCRUISE, "src", "test", "bench", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
    { cwd: dir, encoding: "utf8", timeout: 60_000 },
  );
  if (json.error) throw json.error;
  violations = (JSON.parse(json.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  // The JSON reporter always exits 0; the script's own reporter is the one whose status `npm test` sees.
  const script = spawnSync("npm", ["run", "--silent", "layers"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  if (script.error) throw script.error;
  status = script.status;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run layers", () => {
  test("fails when any import goes the wrong way", () => {
    expect(status).not.toBe(0);
  });

  test.each(imports.filter((planted) => planted.rule !== null && planted.rule !== CYCLE))(
    "refuses $from → $to by $rule",
    ({ from, to, rule }) => {
      // A module is reported by the file it resolves to (node_modules/pg/…), ours by its path.
      const found = violations.filter((violation) => violation.from === from && (!isOurs(to) || violation.to === to));
      expect(found.map((violation) => violation.rule.name)).toContain(rule);
    },
  );

  test("refuses a circular import", () => {
    const cycle = imports.filter((planted) => planted.rule === CYCLE).map((planted) => planted.from);
    const found = violations.filter((violation) => violation.rule.name === CYCLE);
    expect(found).toHaveLength(1);
    expect(cycle).toContain(found[0]?.from);
  });

  test("allows every import that goes the architecture's way, and reports nothing it was not planted to", () => {
    const refused = imports.filter((i) => i.rule !== null);
    const unexpected = violations.filter(
      (violation) => !refused.some((i) => i.from === violation.from && (!isOurs(i.to) || i.to === violation.to)),
    );
    expect(unexpected.map((violation) => `${violation.from} → ${violation.to}`)).toEqual([]);
  });
});
