// The layer rules of docs/architecture.md §2 ("Folders and what each may import"), checked by `npm run layers`.
// The direction is one way: events ← uploads ← ingest ← http / vod / commands, with db under the use cases; the
// emulator shares nothing with the tracker. Type-only imports count: a type couples two layers as much as a value.

// Top-level modules that import nothing of ours. The pure ones may be used by events and uploads too; config reads
// process.env, logger writes, metrics holds a registry, so those three are for the layers that already do I/O.
const PURE_LEAVES = ["^src/errors\\.ts$", "^src/storable-text\\.ts$"];
const LEAVES = [...PURE_LEAVES, "^src/config\\.ts$", "^src/logger\\.ts$", "^src/metrics\\.ts$"];

// Node modules that reach outside the process (crypto's hashing and random ids are allowed in the pure core).
const NODE_IO =
  "^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|tls|child_process|cluster|worker_threads|readline)$";
const DATABASE_PACKAGES = "node_modules/(@types/)?(pg|pg-[^/]+|@prisma/[^/]+|@electric-sql/[^/]+|prisma)/";
const SERVER_PACKAGES = "node_modules/(@types/)?(express|express-[^/]+|helmet|pino|prom-client)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two modules one: neither can be read, tested or moved alone.",
      from: {},
      to: { circular: true },
    },
    {
      name: "events-pure",
      severity: "error",
      comment: "src/events imports nothing of ours but the pure leaves (uploads builds on events, not the reverse).",
      from: { path: "^src/events/" },
      to: { path: "^src/", pathNot: ["^src/events/", ...PURE_LEAVES] },
    },
    {
      name: "uploads-pure",
      severity: "error",
      comment: "src/uploads imports events and the pure leaves only.",
      from: { path: "^src/uploads/" },
      to: { path: "^src/", pathNot: ["^src/uploads/", "^src/events/", ...PURE_LEAVES] },
    },
    {
      name: "pure-core-without-io",
      severity: "error",
      comment: "events and uploads are pure functions: no file, network, database or server module.",
      from: { path: "^src/(events|uploads)/" },
      to: { path: [NODE_IO, DATABASE_PACKAGES, SERVER_PACKAGES] },
    },
    {
      name: "leaves-stay-leaves",
      severity: "error",
      comment: "The top-level shared modules import nothing of ours, so every layer may use them.",
      from: { path: LEAVES },
      to: { path: "^src/" },
    },
    {
      name: "ingest-above-db",
      severity: "error",
      comment: "src/ingest (the use case) uses events, uploads, db and the leaves; the edges call it, not the reverse.",
      from: { path: "^src/ingest/" },
      to: { path: "^src/", pathNot: ["^src/ingest/", "^src/events/", "^src/uploads/", "^src/db/", ...LEAVES] },
    },
    {
      name: "db-below-use-cases",
      severity: "error",
      comment: "src/db uses events and uploads (types and pure rules) and the leaves; never ingest or an edge.",
      from: { path: "^src/db/" },
      to: { path: "^src/", pathNot: ["^src/db/", "^src/events/", "^src/uploads/", ...LEAVES] },
    },
    {
      name: "only-db-talks-to-the-database",
      severity: "error",
      comment: "pg, Prisma, PGlite and the generated client are src/db's alone (STYLE §16).",
      from: { path: "^src/", pathNot: "^src/db/" },
      to: { path: [DATABASE_PACKAGES, "^src/db/generated/"] },
    },
    {
      name: "core-never-imports-edges",
      severity: "error",
      comment: "http, vod and commands are edges: nothing in events, uploads, ingest or db depends on them.",
      from: { path: "^src/(events|uploads|ingest|db)/" },
      to: { path: "^src/(http|vod|commands)/" },
    },
    {
      name: "http-not-commands",
      severity: "error",
      comment: "The HTTP app is started by a command; it never reaches back into the command line.",
      from: { path: "^src/http/" },
      to: { path: "^src/commands/" },
    },
    {
      name: "notify-not-http",
      severity: "error",
      comment: "Notifications render the Upload JSON from src/uploads, as the routes do; they never reach into HTTP.",
      from: { path: "^src/notify/" },
      to: { path: "^src/(http|commands)/" },
    },
    {
      name: "vod-not-http",
      severity: "error",
      comment: "VOD code is called by routes and commands; it knows nothing of HTTP routes.",
      from: { path: "^src/vod/" },
      to: { path: "^src/http/" },
    },
    {
      name: "emulator-imports-nothing-of-ours",
      severity: "error",
      comment: "The emulator writes VOD's shapes itself, so our parser is tested against an independent writer.",
      from: { path: "^src/emulator/" },
      to: { path: "^src/", pathNot: "^src/emulator/" },
    },
    {
      name: "emulator-started-by-its-command-only",
      severity: "error",
      comment: "Only the emulator command starts the emulator; the service never links it.",
      from: { path: "^src/", pathNot: ["^src/emulator/", "^src/commands/emulator-command\\.ts$"] },
      to: { path: "^src/emulator/" },
    },
    {
      name: "src-not-tests-or-bench",
      severity: "error",
      comment: "Production code never depends on test or benchmark code.",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "tests-not-bench",
      severity: "error",
      comment: "Benchmarks may use test support; tests never depend on a benchmark.",
      from: { path: "^test/" },
      to: { path: "^bench/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^src/db/generated/"] },
    exclude: { path: ["^dist/", "^data/", "^coverage/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
