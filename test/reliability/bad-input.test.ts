// Bad input (issue 7, reliability 4): 10,000 hostile callbacks from a seeded generator (support/bad-callbacks.ts:
// malformed, oversized, wrongly typed, wrongly signed, odd encodings) against the service as a child process
// with a callback token AND a sign key. No 5xx, no crash, every answer the one its category calls for, nothing
// stored without authentication, and the service's RSS flat over the run.
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { badCallback, type BadCallback } from "./support/bad-callbacks.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database.js";
import { seedFromEnv, seededRandom } from "./support/seeded-random.js";
import { sleep, startChild, type ChildService } from "./support/service-process.js";

const REQUESTS = 10_000;
const CONCURRENCY = 8;
/** Growth of RSS tolerated between the end of the warm-up (first 10%) and the end of the run. */
const RSS_GROWTH_LIMIT_MB = 64;
const secrets = { token: "badinput-callback-token", signKey: "badInputSignKey7" };
const seed = seedFromEnv(20_240_612);

interface Result {
  category: string;
  authenticated: boolean;
  status: number; // 0 = no HTTP answer
  code: string;
  outcome: string | null;
  /** Dedupe key of an unauthenticated body that is a JSON object, to prove it was not stored. */
  unauthenticatedKey: string | null;
  allowed: Array<[number, string]>;
}

let db: ScratchDatabase;
let service: ChildService;
const results: Result[] = [];
const rss = { idle: 0, afterWarmUp: 0, peak: 0, end: 0, checkpoints: [] as number[] };
let stored = { rows: 0, unauthenticatedRows: 0, keys: new Set<string>() };
let elapsedMs = 0;

async function send(request: BadCallback): Promise<Result> {
  let unauthenticatedKey: string | null = null;
  if (!request.authenticated) {
    try {
      const parsed = JSON.parse(request.body.toString("utf8"));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) unauthenticatedKey = dedupeKey(parsed);
    } catch {
      // not JSON: cannot be stored anyway
    }
  }
  const base = { category: request.category, authenticated: request.authenticated, unauthenticatedKey, allowed: request.allowed };
  try {
    const response = await fetch(`${service.url}${request.path}`, {
      method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json().catch(() => null)) as { outcome?: string; error?: { code?: string } } | null;
    return { ...base, status: response.status, code: json?.error?.code ?? "", outcome: json?.outcome ?? null };
  } catch (error) {
    return { ...base, status: 0, code: (error as Error).name, outcome: null };
  }
}

beforeAll(async () => {
  db = await createScratchDatabase("badinput");
  service = await startChild({
    command: "serve",
    env: { DATABASE_URL: db.url, CALLBACK_TOKEN: secrets.token, VOD_SIGN_KEY: secrets.signKey, API_TOKENS: "badinput-api", DATABASE_POOL_SIZE: "4" },
  });
  rss.idle = service.rssMb();
  const random = seededRandom(seed);
  let next = 0;
  const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, service.rssMb())), 100);
  const started = Date.now();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= REQUESTS) return;
      // Generated in order from one PRNG: the run is the same whatever the interleaving of answers.
      results.push(await send(badCallback(random, index, secrets)));
      if (results.length === REQUESTS / 10) rss.afterWarmUp = service.rssMb();
      if (results.length % (REQUESTS / 10) === 0) rss.checkpoints.push(Math.round(service.rssMb()));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  elapsedMs = Date.now() - started;
  await sleep(500);
  clearInterval(sampler);
  rss.end = service.rssMb();

  const rows = await db.prisma.vodEvent.findMany({ select: { dedupeKey: true } });
  const marked = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM "VodEvent" WHERE payload ? 'Unauthenticated' OR "payloadText" LIKE '%"Unauthenticated"%'`,
  );
  stored = { rows: rows.length, unauthenticatedRows: marked[0]?.n ?? -1, keys: new Set(rows.map((row) => row.dedupeKey)) };

  const table = new Map<string, Record<string, number>>();
  for (const result of results) {
    const counts = table.get(result.category) ?? {};
    const label = `${result.status}${result.code ? ` ${result.code}` : result.outcome ? ` ${result.outcome}` : ""}`;
    counts[label] = (counts[label] ?? 0) + 1;
    table.set(result.category, counts);
  }
  console.log(
    [
      `bad input: seed=${seed} requests=${REQUESTS} concurrency=${CONCURRENCY} run=${(elapsedMs / 1000).toFixed(1)}s stored rows=${stored.rows}`,
      `RSS MB: idle ${rss.idle.toFixed(0)}, after warm-up ${rss.afterWarmUp.toFixed(0)}, peak ${rss.peak.toFixed(0)}, end ${rss.end.toFixed(0)}; ` +
        `every 10%: ${rss.checkpoints.join(" ")}`,
      ...[...table].sort().map(([category, counts]) => `  ${category}: ${JSON.stringify(counts)}`),
    ].join("\n"),
  );
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
});

const summarise = (list: Result[]) =>
  list.reduce<Record<string, number>>((counts, r) => {
    const label = `${r.category} → ${r.status} ${r.code}`;
    return { ...counts, [label]: (counts[label] ?? 0) + 1 };
  }, {});

describe("POST /callbacks/vod under 10,000 hostile requests", () => {
  test("never answers 5xx and always answers", () => {
    expect(results).toHaveLength(REQUESTS);
    expect(summarise(results.filter((r) => r.status >= 500 || r.status === 0))).toEqual({});
  });

  test("gives each kind of bad request the answer its category calls for", () => {
    const unexpected = results.filter((r) => !r.allowed.some(([status, code]) => status === r.status && (code === "" ? r.outcome !== null : code === r.code)));
    expect(summarise(unexpected)).toEqual({});
  });

  test("stays up", () => {
    expect(service.exited).toBe(false);
  });

  test("stores nothing that was not authenticated, and one row per authenticated request it accepted", () => {
    expect(stored.unauthenticatedRows).toBe(0);
    expect(results.filter((r) => r.unauthenticatedKey && stored.keys.has(r.unauthenticatedKey))).toEqual([]);
    expect(results.filter((r) => !r.authenticated && r.status === 200)).toEqual([]);
    const accepted = results.filter((r) => r.authenticated && r.status === 200 && r.outcome !== "duplicate").length;
    expect(stored.rows).toBe(accepted);
  });

  test("keeps its RSS flat after the warm-up", () => {
    expect(rss.end - rss.afterWarmUp).toBeLessThanOrEqual(RSS_GROWTH_LIMIT_MB);
  });
});
