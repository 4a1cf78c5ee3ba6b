// Storms (issue 7, reliability 3): two service replicas and two pull workers (four child processes) on one
// database. 10,000 deliveries — 7,000 distinct events and 3,000 duplicates, shuffled — half PUSHed by the emulator
// (signed, with retries) to either replica, half queued for PULL. The final state must be the one a sequential
// application gives: the pure rule folded over each file's events, and the real ingest run one event at a time
// on a second database with the same arrival times.
import { deliverByPush } from "../../src/emulator/events/push-delivery.js";
import { queueOf } from "../../src/emulator/emulator-state.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { canonicalJson } from "../../src/events/canonical-json.js";
import { uploadStateOf } from "../../src/db/upload-state-of.js";
import { ingestEvent } from "../../src/ingest/ingest-event.js";
import { compareWithRule, type RuleComparison } from "./support/compare-with-rule.js";
import { planEvents, type PlannedEvent } from "./support/event-plan.js";
import { trackPushes, type PushTracker } from "./support/push-tracker.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database.js";
import { seedFromEnv, seededRandom } from "./support/seeded-random.js";
import { sleep, startChild, type ChildService } from "./support/service-process.js";

const DELIVERIES = 10_000;
const DUPLICATE_SHARE = 0.3;
const WINDOW = 64;
const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 3000];
const RUN_DEADLINE_MS = 10 * 60_000;

const credentials = { secretId: "AKIDstormRel000000000000000000000", secretKey: "stormRelSecretKey000000000000000" };
const callbackToken = "storm-callback-token";
const signKey = "stormSignKey42";
const seed = seedFromEnv(20_240_611);

type Route = "push A" | "push B" | "pull";
let db: ScratchDatabase;
let sequentialDb: ScratchDatabase;
let emulator: EmulatorHandle;
let replicas: ChildService[] = [];
let workers: ChildService[] = [];
let unique: PlannedEvent[];
let deliveries: Array<{ event: PlannedEvent; route: Route }>;
let tracker: PushTracker;
let stored: Array<{ dedupeKey: string; channel: string; outcome: string; receivedAt: Date }>;
let comparison: RuleComparison;
let sequentialMismatches: string[];
let workerBatches: number[];
let queuedAtEnd: number;

beforeAll(async () => {
  const random = seededRandom(seed);
  db = await createScratchDatabase("storm", 4);
  sequentialDb = await createScratchDatabase("storm_seq", 2);
  emulator = await startEmulator({
    port: 0,
    ...credentials,
    pullHoldMs: 200,
    redeliveryMs: 10_000,
    pushRetryDelaysMs: RETRY_DELAYS_MS,
  });
  const serviceEnv = {
    DATABASE_URL: db.url,
    CALLBACK_TOKEN: callbackToken,
    VOD_SIGN_KEY: signKey,
    API_TOKENS: "storm-api",
    DATABASE_POOL_SIZE: "8",
  };
  replicas = await Promise.all([
    startChild({ command: "serve", env: serviceEnv }),
    startChild({ command: "serve", env: serviceEnv }),
  ]);
  const workerEnv = {
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: "4",
    LOG_LEVEL: "info",
    VOD_ENDPOINT: emulator.url,
    TENCENTCLOUD_SECRET_ID: credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
  };
  workers = await Promise.all([
    startChild({ command: "pull", env: workerEnv }),
    startChild({ command: "pull", env: workerEnv }),
  ]);

  const distinct = Math.round(DELIVERIES * (1 - DUPLICATE_SHARE));
  unique = planEvents(random, { events: distinct, legacyShare: 0 }).events; // PULL hands out v3 only
  const repeats = Array.from({ length: DELIVERIES - distinct }, () => random.pick(unique));
  deliveries = random.shuffle([...unique, ...repeats]).map((event) => ({
    event,
    route: random.weighted([
      [0.25, "push A"],
      [0.25, "push B"],
      [0.5, "pull"],
    ] as const),
  }));

  const state = emulator.state;
  const queue = queueOf(state, 0);
  tracker = trackPushes(state, RETRY_DELAYS_MS.length + 1);
  const pushes = deliveries.filter((delivery) => delivery.route !== "pull").length;
  const started = Date.now();
  let pushed = 0;
  for (const [index, { event, route }] of deliveries.entries()) {
    if (route === "pull") {
      queue.enqueue(event.body);
      continue;
    }
    while (pushed - tracker.settled >= WINDOW) {
      await sleep(2);
      tracker.scan();
    }
    const replica = (route === "push A" ? replicas[0] : replicas[1]) as ChildService;
    const url = `${replica.url}/callbacks/vod?token=${callbackToken}`;
    deliverByPush(
      state,
      { eventId: `delivery-${index}`, eventType: event.eventType, url, body: event.body, signKey },
      () => undefined,
    );
    pushed += 1;
  }
  while (tracker.settled < pushes || queue.list().length > 0) {
    if (Date.now() - started > RUN_DEADLINE_MS) break;
    await sleep(20);
    tracker.scan();
  }
  queuedAtEnd = queue.list().length;
  const elapsedMs = Date.now() - started;
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(replicas.map((replica) => replica.stop()));
  workerBatches = workers.map(
    (worker) =>
      worker
        .output()
        .split("\n")
        .filter((line) => line.includes('"pulled events"')).length,
  );

  stored = await db.prisma.vodEvent.findMany({
    select: { dedupeKey: true, channel: true, outcome: true, receivedAt: true },
  });
  comparison = await compareWithRule(
    db,
    deliveries.map((delivery) => delivery.event),
  );

  // The same distinct events, one at a time, in first-delivery order, through the real ingest, arriving when
  // they arrived in the storm.
  const receivedAt = new Map(stored.map((row) => [row.dedupeKey, row.receivedAt]));
  const seen = new Set<string>();
  const sequentialStarted = Date.now();
  for (const { event } of deliveries) {
    if (seen.has(event.key)) continue;
    seen.add(event.key);
    await ingestEvent(
      { db: sequentialDb },
      { raw: JSON.stringify(event.body), channel: "push", receivedAt: receivedAt.get(event.key) },
    );
  }
  sequentialMismatches = await compareUploadTables();
  const channels = stored.reduce<Record<string, number>>(
    (counts, row) => ({ ...counts, [row.channel]: (counts[row.channel] ?? 0) + 1 }),
    {},
  );
  console.log(
    [
      `storm: seed=${seed} deliveries=${DELIVERIES} distinct=${unique.length} files=${new Set(unique.map((e) => e.fileId)).size} ` +
        `run=${(elapsedMs / 1000).toFixed(1)}s (${Math.round(DELIVERIES / (elapsedMs / 1000))} deliveries/s)`,
      `routes: ${JSON.stringify(countBy(deliveries.map((d) => d.route)))}; stored rows by channel: ${JSON.stringify(channels)}`,
      `push attempts=${tracker.attempts} failed=${tracker.failedAttempts} ${JSON.stringify(Object.fromEntries(tracker.failures))} ` +
        `given-up=${tracker.givenUp.size}; pull batches per worker=${JSON.stringify(workerBatches)}; left in queue=${queuedAtEnd}`,
      `rule comparison: ${comparison.files} uploads, ${comparison.mismatches.length} mismatches; ` +
        `sequential ingest (${((Date.now() - sequentialStarted) / 1000).toFixed(1)}s): ${sequentialMismatches.length} mismatches`,
    ].join("\n"),
  );
});

afterAll(async () => {
  await Promise.all([...workers, ...replicas].map((child) => child.kill()));
  await emulator?.close();
  await db?.drop();
  await sequentialDb?.drop();
});

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>(
    (counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }),
    {},
  );
}

async function compareUploadTables(): Promise<string[]> {
  const view = async (database: ScratchDatabase) =>
    new Map(
      (await database.prisma.upload.findMany()).map((row) => {
        const { updatedAt: _arrivalOfLastCommit, ...state } = uploadStateOf(row);
        return [row.fileId, canonicalJson(JSON.parse(JSON.stringify(state)))];
      }),
    );
  const [storm, sequential] = await Promise.all([view(db), view(sequentialDb)]);
  const mismatches: string[] = [];
  for (const [fileId, state] of sequential) {
    if (storm.get(fileId) !== state) mismatches.push(`${fileId}: storm ${storm.get(fileId)} ≠ sequential ${state}`);
  }
  if (storm.size !== sequential.size) mismatches.push(`storm has ${storm.size} uploads, sequential ${sequential.size}`);
  return mismatches;
}

describe("two replicas and two pull workers in a storm of shuffled, duplicated events", () => {
  test("acknowledges every pushed delivery and drains the PULL queue", () => {
    expect({ givenUp: tracker.givenUp.size, leftInQueue: queuedAtEnd }).toEqual({ givenUp: 0, leftInQueue: 0 });
    const acknowledgedBy = (replica: ChildService) =>
      emulator.state.deliveries.filter((d) => d.outcome === "delivered" && d.url.startsWith(replica.url)).length;
    expect(replicas.map(acknowledgedBy).every((count) => count > 0)).toBe(true);
    expect(workerBatches.every((batches) => batches > 0)).toBe(true);
  });

  test("stores each distinct event exactly once, whichever replica or worker got it first", () => {
    expect(stored.length).toBe(unique.length);
    expect(stored.map((row) => row.dedupeKey).sort()).toEqual(unique.map((event) => event.key).sort());
    expect(stored.every((row) => row.outcome === "applied")).toBe(true);
    expect(new Set(stored.map((row) => row.channel))).toEqual(new Set(["push", "pull"]));
  });

  test("ends every upload in the state the pure rule gives for its events", () => {
    expect(comparison.files).toBe(new Set(unique.map((event) => event.fileId)).size);
    expect(comparison.mismatches.slice(0, 20)).toEqual([]);
  });

  test("ends every upload exactly as the ingest applied one event at a time would", () => {
    expect(sequentialMismatches.slice(0, 10)).toEqual([]);
  });
});
