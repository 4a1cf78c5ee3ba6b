// The status rule production runs is the SQL one (src/db/record-events-sql.ts); the properties of
// test/unit/status-rule-properties.test.ts hold the TypeScript one. Here the same generated sequences (mixed arrival
// orders, duplicate deliveries) go through the real ingest path, ingestEvent on PostgreSQL — one event per
// statement, and in groups through the group-commit writer — and every stored Upload must equal, column by column,
// the TypeScript rule applied to the same events in the same order at the same arrival times.
// Sequences of one run go in concurrently, each on its own FileId and in its own order: that is what lets the
// writer form groups while each FileId still sees its events one after another.
import fc from "fast-check";
import { uploadStateOf } from "../../src/db/upload-state-of.js";
import { normaliseEvent } from "../../src/events/normalise-event.js";
import type { VodEvent } from "../../src/events/vod-event.js";
import { createGroupCommit } from "../../src/ingest/group-commit.js";
import { ingestEvent, type IngestDeps, type IngestResult } from "../../src/ingest/ingest-event.js";
import { applyEvent } from "../../src/uploads/apply-event.js";
import type { UploadState } from "../../src/uploads/upload-state.js";
import { diffUploadState } from "../support/diff-upload-state.js";
import { expectEqual } from "../support/expect-equal.js";
import { propertySeed } from "../support/property-seed.js";
import { statusRuleArbitraries } from "../support/status-rule-arbitraries.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { v3CallbackBody } from "../support/v3-callback-body.js";

const SEED = propertySeed(20_240_612);
const { FILE_ID, anyEvents, timedEvents } = statusRuleArbitraries;
const START = Date.UTC(2025, 0, 1);
/** fast-check runs per mode; each run ingests 1 to MAX_SEQUENCES sequences at once (about 400 per mode in all). */
const RUNS = 100;
const MAX_SEQUENCES = 8;

const sequence = fc.oneof(
  anyEvents,
  timedEvents.map(({ arrival }) => arrival),
);
const sequences = fc.array(sequence, { minLength: 1, maxLength: MAX_SEQUENCES });

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

// Unique within this file's own database; fresh on every run, shrinking runs included.
let files = 0;
const nextFileId = () => `52858907842${String((files += 1)).padStart(8, "0")}`;

interface Ingested {
  fileId: string;
  bodies: string[];
  answers: IngestResult[];
}

async function ingestSequence(deps: IngestDeps, events: VodEvent[]): Promise<Ingested> {
  const fileId = nextFileId();
  const bodies = events.map((event) => JSON.stringify(v3CallbackBody(event, fileId)));
  const answers: IngestResult[] = [];
  for (const [index, raw] of bodies.entries()) {
    answers.push(await ingestEvent(deps, { raw, channel: "push", receivedAt: new Date(START + index * 1000) }));
  }
  return { fileId, bodies, answers };
}

/** What the TypeScript rule says of one sequence: each answer, and the state the Upload must end in. */
function* problemsOf({ fileId, bodies, answers }: Ingested, stored: UploadState | undefined): Generator<string> {
  let state: UploadState | null = null;
  for (const [index, raw] of bodies.entries()) {
    // A delivery identical to an earlier one is a duplicate: acknowledged, stored once, applied once.
    const duplicate = bodies.indexOf(raw) < index;
    const answer = answers[index];
    if (duplicate) {
      if (answer?.outcome !== "duplicate") yield `${fileId} event ${index}: ${answer?.outcome}, not duplicate`;
      continue;
    }
    const normalised = normaliseEvent(JSON.parse(raw));
    if (!normalised.ok) {
      throw new Error(`generated event ${index} does not normalise: ${JSON.stringify(normalised.issues)}`);
    }
    state = applyEvent(state, normalised.event, { fileId, receivedAt: new Date(START + index * 1000) });
    if (answer?.outcome !== "applied" || answer.status !== state.status) {
      yield `${fileId} event ${index}: answered ${JSON.stringify(answer)}, rule ${state.status}`;
    }
  }
  if (!state) return;
  if (!stored) yield `${fileId}: no Upload row`;
  else yield* diffUploadState(fileId, state, stored);
}

/** Runs the property; answers how many sequences and duplicate deliveries it ingested, to show what it covered. */
async function expectSqlAgreesWithRule(deps: IngestDeps): Promise<{ sequences: number; duplicates: number }> {
  const covered = { sequences: 0, duplicates: 0 };
  await fc.assert(
    fc.asyncProperty(sequences, async (batch) => {
      const results = await Promise.all(batch.map((events) => ingestSequence(deps, events)));
      const rows = await db.prisma.upload.findMany({
        where: { fileId: { in: results.map((result) => result.fileId) } },
      });
      const stored = new Map(rows.map((row) => [row.fileId, uploadStateOf(row)]));
      expectEqual(
        results.flatMap((result) => [...problemsOf(result, stored.get(result.fileId))]),
        [],
      );
      covered.sequences += batch.length;
      for (const { answers } of results) covered.duplicates += answers.filter((a) => a.outcome === "duplicate").length;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  return covered;
}

function withoutExtras(result: ReturnType<typeof normaliseEvent>): unknown {
  if (!result.ok) return result;
  const { outputs: _outputs, task: _task, linkedFileIds: _links, ...event } = result.event;
  return { ...result, event };
}

describe("the SQL status rule on generated event sequences, through ingestEvent", () => {
  // The rule's fields only: what a task flow produced (EventExtras: outputs, task, links) is not the rule's, and the
  // generated events carry none of it.
  test("renders every generated event as a v3 callback that normalises back to the same event", () => {
    fc.assert(
      fc.property(sequence, (events) => {
        expectEqual(
          events.map((event) => withoutExtras(normaliseEvent(v3CallbackBody(event, FILE_ID)))),
          events.map((event) => ({ ok: true, event })),
        );
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  test("stores what the TypeScript rule computes, field by field, when each event is its own statement", async () => {
    const covered = await expectSqlAgreesWithRule({ db });
    expect(covered.sequences).toBeGreaterThanOrEqual(2 * RUNS);
    expect(covered.duplicates).toBeGreaterThan(0);
  }, 60_000);

  test("stores what the TypeScript rule computes, field by field, when events share grouped statements", async () => {
    let largestGroup = 0;
    const writer = createGroupCommit(db, { onGroup: ({ size }) => void (largestGroup = Math.max(largestGroup, size)) });
    const covered = await expectSqlAgreesWithRule({ db, writer });
    expect(covered.sequences).toBeGreaterThanOrEqual(2 * RUNS);
    expect(covered.duplicates).toBeGreaterThan(0);
    expect(largestGroup).toBeGreaterThan(1);
  }, 60_000);
});
