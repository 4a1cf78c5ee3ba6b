// The callback's pure steps one by one, without HTTP or a database (issue 13): what each costs per event on this
// machine, in µs, on the bodies bench:quick sends (unique ~1.2 KB NewFileUpload) or, with --mix, the benchmark mix
// with a third of 6-output ProcedureStateChanged. Each step runs over the same few thousand bodies, repeated, after
// a warm-up; the statement's parameter is built for groups of 16, as under load. Each step's figure is its fastest
// round (the machine is shared: the minimum is the figure least disturbed by others). Prints; asserts nothing.
//   npx tsx bench/hot-path-steps.ts [--mix] [--rounds 5]
import { dedupeKey } from "../src/events/dedupe-key.js";
import { findRawStorageHazard } from "../src/events/find-raw-storage-hazard.js";
import { normaliseEvent } from "../src/events/normalise-event.js";
import { prepareEvent } from "../src/ingest/ingest-event.js";
import { parseBody } from "../src/ingest/parse-body.js";
import { recordEventsParams } from "../src/db/record-event.js";
import { toUploadPatch } from "../src/uploads/upload-patch.js";
import { callbackBody } from "../test/support/callback-body.js";
import { mixedCallbackBody } from "../test/support/procedure-callback-body.js";

const args = process.argv.slice(2);
const mix = args.includes("--mix");
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt === -1 ? 5 : Number(args[roundsAt + 1]);
const count = 4000;
const texts = Array.from({ length: count }, (_, n) => (mix ? mixedCallbackBody(n) : callbackBody(n * 5)));
const buffers = texts.map((text) => Buffer.from(text));
const bodies = texts.map((text) => parseBody(text).body);
const normalised = bodies.map((body) => normaliseEvent(body));
const prepared = texts.map((raw, i) => prepareEvent({ raw, bytes: buffers[i], channel: "push" }));
let sink = 0;

const steps: Array<[string, (index: number) => unknown]> = [
  ["buffer → string (utf8)", (i) => buffers[i]?.toString("utf8")],
  ["parseBody (JSON.parse)", (i) => parseBody(texts[i] as string)],
  ["findRawStorageHazard", (i) => findRawStorageHazard(texts[i] as string)],
  ["dedupeKey (canonical JSON + sha256)", (i) => dedupeKey(bodies[i] as Record<string, unknown>)],
  ["normaliseEvent (zod + mapping)", (i) => normaliseEvent(bodies[i])],
  [
    "toUploadPatch",
    (i) => {
      const result = normalised[i];
      return result?.ok ? toUploadPatch(result.event) : null;
    },
  ],
  [
    "prepareEvent (all of the above but the buffer)",
    (i) => prepareEvent({ raw: texts[i] as string, bytes: buffers[i], channel: "push" }),
  ],
  [
    "recordEventsParam, per event of a group of 16",
    (i) => (i % 16 === 0 ? recordEventsParams(prepared.slice(i, i + 16)) : ""),
  ],
  [
    "recordEventsParam as bytes (what pg sends), per event of 16",
    (i) =>
      i % 16 === 0 ? recordEventsParams(prepared.slice(i, i + 16)).reduce((sum, bytes) => sum + bytes.length, 0) : 0,
  ],
];

const fastest = steps.map(() => Infinity);
// Round 0 is the warm-up (JIT), not counted.
for (let round = 0; round <= rounds; round += 1) {
  steps.forEach(([, step], at) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) if (step(i)) sink += 1;
    const us = Number(process.hrtime.bigint() - started) / 1000 / count;
    if (round > 0) fastest[at] = Math.min(fastest[at] as number, us);
  });
}
console.log(`µs per event, fastest of ${rounds} rounds:`);
steps.forEach(([name], at) => console.log(`  ${name}: ${(fastest[at] as number).toFixed(1)}`));
console.log(`bodies=${count} ${mix ? "mix (1/3 ProcedureStateChanged with 6 outputs)" : "NewFileUpload"} sink=${sink}`);
