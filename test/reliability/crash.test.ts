// Crash (issue 7, reliability 1): the VOD emulator PUSHes N realistic events of both formats, with retries, to
// the service running as a child process, while the service is SIGKILLed three times and restarted on the same
// port. Afterwards every event is stored exactly once, nothing acknowledged with a 200 is missing, and every
// upload is in the state the pure rule gives for its events.
// N = RELIABILITY_CRASH_EVENTS (default below: the largest that keeps the whole suite well under 15 min here).
import { startEmulator, type EmulatorHandle } from "../../src/emulator/start-emulator.js";
import { createEventDispatcher } from "../../src/emulator/events/event-dispatcher.js";
import { createVodClient } from "../../src/vod/client.js";
import { compareWithRule, type RuleComparison } from "./support/compare-with-rule.js";
import { planEvents, type EventPlan } from "./support/event-plan.js";
import { trackPushes, type PushTracker } from "./support/push-tracker.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database.js";
import { seedFromEnv, seededRandom } from "./support/seeded-random.js";
import { freePort, sleep, startChild, type ChildService } from "./support/service-process.js";

const EVENTS = Number(process.env.RELIABILITY_CRASH_EVENTS || 20_000);
const KILLS = 3;
/** Pushes in flight at once (emitted, not yet acknowledged or given up). */
const WINDOW = 64;
/** 20.85 s of retries after the first failure: several times a restart (3-5 s here, tsx included). */
const RETRY_DELAYS_MS = [100, 250, 500, 1000, 1000, 2000, 2000, 2000, 3000, 3000, 3000, 3000];
/** Every 20th event is pushed twice by the emulator, on top of the retries the crashes cause. */
const DUPLICATE_EVERY = 20;
const RUN_DEADLINE_MS = 12 * 60_000;

const credentials = { secretId: "AKIDcrashRel000000000000000000000", secretKey: "crashRelSecretKey000000000000000" };
const callbackToken = "crash-callback-token";
const seed = seedFromEnv(20_240_610);

let db: ScratchDatabase;
let emulator: EmulatorHandle;
let service: ChildService;
let plan: EventPlan;
let tracker: PushTracker;
const keyOfEvent = new Map<string, string>();
const restarts: Array<{ atEvent: number; killedBy: string | null; downMs: number }> = [];
let comparison: RuleComparison;
let stored: Array<{ dedupeKey: string; outcome: string; channel: string }>;

async function startService(port: number): Promise<ChildService> {
  return startChild({
    command: "serve",
    port,
    env: { DATABASE_URL: db.url, CALLBACK_TOKEN: callbackToken, API_TOKENS: "crash-api", DATABASE_POOL_SIZE: "10" },
  });
}

beforeAll(async () => {
  db = await createScratchDatabase("crash");
  const port = await freePort();
  service = await startService(port);
  emulator = await startEmulator({ port: 0, ...credentials, pushRetryDelaysMs: RETRY_DELAYS_MS, pushTimeoutMs: 5000 });
  const client = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  await client.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: `${service.url}/callbacks/vod?token=${callbackToken}`,
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
  });
  plan = planEvents(seededRandom(seed), { events: EVENTS, legacyShare: 0.3 });

  // The emulator's own dispatcher and push delivery (retries, duplicates, delivery log); the body of each draft
  // is a planned event, in whichever format the plan chose.
  const dispatcher = createEventDispatcher(emulator.state, () => undefined);
  tracker = trackPushes(emulator.state, RETRY_DELAYS_MS.length + 1);
  const killAt = Array.from({ length: KILLS }, (_, k) => Math.floor((EVENTS * (k + 1)) / (KILLS + 1)));
  let restarting: Promise<void> | null = null;
  const crashAndRestart = async (atEvent: number) => {
    const started = Date.now();
    await service.kill("SIGKILL");
    const killedBy = service.signal;
    service = await startService(port);
    restarts.push({ atEvent, killedBy, downMs: Date.now() - started });
  };

  const started = Date.now();
  let emitted = 0;
  while (emitted < EVENTS || tracker.settled < EVENTS) {
    if (Date.now() - started > RUN_DEADLINE_MS)
      throw new Error(`run not finished in time: ${emitted} emitted, ${tracker.settled} settled`);
    tracker.scan();
    while (emitted < EVENTS && emitted - tracker.settled < WINDOW) {
      const event = plan.events[emitted] as EventPlan["events"][number];
      if (emitted % DUPLICATE_EVERY === 0) emulator.configure({ duplicateNextPushes: 1 });
      dispatcher.emit({ subAppId: 0, eventType: event.eventType, v3: event.body, legacy: event.body });
      keyOfEvent.set((emulator.state.events.at(-1) as { id: string }).id, event.key);
      emitted += 1;
      if (emitted === killAt[restarts.length] && !restarting) {
        restarting = crashAndRestart(emitted).finally(() => (restarting = null));
      }
    }
    await sleep(2);
  }
  await restarting;
  // Let the emulator's second pushes of duplicated events finish before counting.
  for (let quiet = 0, seen = -1; quiet < 5; quiet = emulator.state.deliveries.length === seen ? quiet + 1 : 0) {
    seen = emulator.state.deliveries.length;
    await sleep(200);
  }
  tracker.scan();
  const elapsedMs = Date.now() - started;
  await emulator.close();
  await service.stop();

  stored = await db.prisma.vodEvent.findMany({ select: { dedupeKey: true, outcome: true, channel: true } });
  comparison = await compareWithRule(db, plan.events);
  console.log(
    [
      `crash: seed=${seed} events=${EVENTS} files=${plan.fileIds.length} run=${(elapsedMs / 1000).toFixed(1)}s ` +
        `(${Math.round(EVENTS / (elapsedMs / 1000))} events/s incl. downtime)`,
      `restarts: ${restarts.map((r) => `at event ${r.atEvent} killed by ${r.killedBy}, back in ${r.downMs} ms`).join("; ")}`,
      `push attempts=${tracker.attempts} failed=${tracker.failedAttempts} ${JSON.stringify(Object.fromEntries(tracker.failures))} ` +
        `acknowledged=${tracker.acknowledged.size} redelivered-after-2xx=${tracker.redelivered} given-up=${tracker.givenUp.size}`,
      `stored rows=${stored.length} uploads compared=${comparison.files} mismatches=${comparison.mismatches.length}`,
    ].join("\n"),
  );
});

afterAll(async () => {
  await emulator?.close();
  await service?.kill();
  await db?.drop();
});

describe("a service SIGKILLed three times while the emulator pushes", () => {
  test("was really killed three times mid-stream and restarted each time", () => {
    expect(restarts).toHaveLength(KILLS);
    expect(restarts.every((restart) => restart.killedBy === "SIGKILL")).toBe(true);
    expect(tracker.failedAttempts).toBeGreaterThan(0); // the crashes did hit traffic in flight
  });

  test("loses no event it acknowledged with a 200", () => {
    const keys = new Set(stored.map((row) => row.dedupeKey));
    const lost = [...tracker.acknowledged].filter((eventId) => !keys.has(keyOfEvent.get(eventId) ?? ""));
    expect(lost).toEqual([]);
  });

  test("gets every event delivered: the emulator's retries outlast each restart", () => {
    const givenUp = [...tracker.givenUp].map((eventId) => keyOfEvent.get(eventId));
    expect({ givenUp: givenUp.length, acknowledged: tracker.acknowledged.size }).toEqual({
      givenUp: 0,
      acknowledged: EVENTS,
    });
  });

  test("stores every event exactly once, redeliveries included", () => {
    const storedKeys = stored.map((row) => row.dedupeKey).sort();
    const plannedKeys = plan.events.map((event) => event.key).sort();
    expect(stored.length).toBe(EVENTS);
    expect(storedKeys).toEqual(plannedKeys);
    expect(stored.every((row) => row.channel === "push" && row.outcome === "applied")).toBe(true);
  });

  test("leaves every upload in the state the status rule gives for its events", () => {
    expect(comparison.files).toBe(plan.fileIds.length);
    expect(comparison.mismatches.slice(0, 20)).toEqual([]);
  });
});
