// Bad input (issue 7, reliability 4): 10,000 hostile callbacks from a seeded generator (support/bad-callbacks.ts:
// malformed, oversized, wrongly typed, wrongly signed, odd encodings) against the service as a child process
// with a callback token AND a sign key. No 5xx, no crash, every answer the one its category calls for, nothing
// stored without authentication, and the service's RSS flat over the run.
import { createHash } from "node:crypto";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { legacyNewFileUpload, v3NewFileUpload } from "../support/vod-payloads.js";
import { badCallback, type BadCallback } from "./support/bad-callbacks.js";
import { createScratchDatabase, type ScratchDatabase } from "./support/scratch-database.js";
import { seedFromEnv, seededRandom } from "./support/seeded-random.js";
import { sleep, startChild, type ChildService } from "./support/service-process.js";

const REQUESTS = Number(process.env.RELIABILITY_BAD_INPUT_REQUESTS || 10_000);
const CONCURRENCY = 8;
/** Growth tolerated of the RSS floor (lowest of the samples taken every 5%) from the first half to the second. A
 *  1 MiB body or a 200,000-level nesting swings RSS by 100+ MB until V8 collects it, so a leak shows in the floor. */
const RSS_FLOOR_GROWTH_LIMIT_MB = 48;
const secrets = { token: "badinput-callback-token", signKey: "badInputSignKey7" };
const seed = seedFromEnv(20_240_612);

interface Result {
  category: string;
  authenticated: boolean;
  status: number; // 0 = no HTTP answer
  code: string;
  outcome: string | null;
  /** Dedupe key of the body when it is a JSON object (as the service decodes it), else null. */
  key: string | null;
  allowed: Array<[number, string]>;
  /** The start of the body, kept for answers that went wrong. */
  sample: string;
}

let db: ScratchDatabase;
let service: ChildService;
const results: Result[] = [];
const rss = { idle: 0, afterWarmUp: 0, peak: 0, end: 0, checkpoints: [] as number[], floors: [0, 0] };
let stored = { rows: 0, unauthenticatedRows: 0, keys: new Set<string>(), unexplained: [] as string[] };
let elapsedMs = 0;

function keyOf(body: Buffer, headers: Record<string, string>): string | null {
  if (headers["content-encoding"]) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8").replace(/^\ufeff/, ""));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? dedupeKey(parsed as Record<string, unknown>)
      : null;
  } catch {
    return null; // not JSON: never stored
  }
}

async function send(request: BadCallback): Promise<Result> {
  const base = {
    category: request.category,
    authenticated: request.authenticated,
    key: keyOf(request.body, request.headers),
    allowed: request.allowed,
  };
  try {
    const response = await fetch(`${service.url}${request.path}`, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json().catch(() => null)) as { outcome?: string; error?: { code?: string } } | null;
    const failed = response.status >= 500;
    return {
      ...base,
      status: response.status,
      code: json?.error?.code ?? "",
      outcome: json?.outcome ?? null,
      sample: failed ? sampleOf(request) : "",
    };
  } catch (error) {
    return { ...base, status: 0, code: (error as Error).name, outcome: null, sample: sampleOf(request) };
  }
}

const sampleOf = (request: BadCallback) =>
  `${JSON.stringify(request.headers)} ${request.body.subarray(0, 300).toString("utf8")}`;

beforeAll(async () => {
  db = await createScratchDatabase("badinput");
  service = await startChild({
    command: "serve",
    env: {
      DATABASE_URL: db.url,
      CALLBACK_TOKEN: secrets.token,
      VOD_SIGN_KEY: secrets.signKey,
      API_TOKENS: "badinput-api",
      DATABASE_POOL_SIZE: "4",
    },
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
      if (results.length % (REQUESTS / 20) === 0) rss.checkpoints.push(Math.round(service.rssMb()));
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    elapsedMs = Date.now() - started;
    await sleep(500);
  } finally {
    clearInterval(sampler);
  }
  rss.end = service.rssMb();
  rss.floors = [Math.min(...rss.checkpoints.slice(0, 10)), Math.min(...rss.checkpoints.slice(10))];

  const rows = await db.prisma.vodEvent.findMany({
    select: { dedupeKey: true, eventType: true, outcome: true, error: true, payload: true, payloadText: true },
  });
  const answered = new Set(results.filter((r) => r.status === 200).map((r) => r.key));
  const unexplained = rows
    .filter((row) => !answered.has(row.dedupeKey))
    .map(
      (row) =>
        `${row.eventType} ${row.outcome} ${row.error?.slice(0, 100) ?? ""} ${(row.payloadText ?? JSON.stringify(row.payload)).slice(0, 300)}`,
    );
  const marked = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM "VodEvent" WHERE payload ? 'Unauthenticated' OR "payloadText" LIKE '%"Unauthenticated"%'`,
  );
  stored = {
    rows: rows.length,
    unauthenticatedRows: marked[0]?.n ?? -1,
    keys: new Set(rows.map((row) => row.dedupeKey)),
    unexplained,
  };

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
        `every 5%: ${rss.checkpoints.join(" ")}; floor first half ${rss.floors[0]}, second half ${rss.floors[1]}`,
      ...[...table].sort().map(([category, counts]) => `  ${category}: ${JSON.stringify(counts)}`),
      "samples of failed answers:",
      ...[...new Set(results.map((r) => r.category))].flatMap((category) =>
        results
          .filter((r) => r.category === category && r.sample)
          .slice(0, 2)
          .map((r) => `  ${category} → ${r.status} ${r.code}: ${r.sample}`),
      ),
      `rows no 200 answer explains: ${stored.unexplained.length}`,
      ...stored.unexplained.slice(0, 5).map((row) => `  ${row}`),
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
    const unexpected = results.filter(
      (r) =>
        !r.allowed.some(
          ([status, code]) => status === r.status && (code === "" ? r.outcome !== null : code === r.code),
        ),
    );
    expect(summarise(unexpected)).toEqual({});
  });

  test("stays up", () => {
    expect(service.exited).toBe(false);
  });

  test("stores nothing that was not authenticated", () => {
    expect(stored.unauthenticatedRows).toBe(0);
    expect(results.filter((r) => !r.authenticated && r.key !== null && stored.keys.has(r.key)).length).toBe(0);
    expect(results.filter((r) => !r.authenticated && r.status === 200).length).toBe(0);
  });

  test("stores exactly the authenticated bodies it answered 200", () => {
    // One row per distinct body (a resent invalid body is answered "invalid" again, not "duplicate").
    const accepted = new Set(results.filter((r) => r.authenticated && r.status === 200).map((r) => r.key));
    expect(accepted.has(null)).toBe(false);
    expect(stored.rows).toBe(accepted.size);
    expect([...accepted].filter((key) => !stored.keys.has(key as string)).length).toBe(0);
  });

  test("keeps its RSS flat: the floor of the second half is no higher than the first's, within a margin", () => {
    expect(rss.checkpoints).toHaveLength(20);
    const [first = 0, second = 0] = rss.floors;
    expect(second - first).toBeLessThanOrEqual(RSS_FLOOR_GROWTH_LIMIT_MB);
  });
});

// One request per failure the run above can hit, so each has a name of its own.
describe("POST /callbacks/vod with one hostile body at a time", () => {
  const signedPath = () => {
    const t = Math.floor(Date.now() / 1000) + 600;
    return `/callbacks/vod?token=${secrets.token}&Sign=${createHash("md5").update(`${secrets.signKey}${t}`).digest("hex")}&T=${t}`;
  };
  const post = async (
    body: string | Buffer,
    headers: Record<string, string> = { "content-type": "application/json" },
  ) => {
    const response = await fetch(`${service.url}${signedPath()}`, { method: "POST", headers, body });
    const json = (await response.json().catch(() => null)) as { outcome?: string; error?: { code?: string } } | null;
    return { status: response.status, outcome: json?.outcome ?? null, code: json?.error?.code ?? null };
  };

  test("stores and answers 200 a NewFileUpload whose MediaBasicInfo holds a 20,000-level nesting", async () => {
    const fileId = "6999000000001";
    const nested = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const text = JSON.stringify(v3NewFileUpload(fileId)).replace(
      '"MediaBasicInfo":{',
      `"MediaBasicInfo":{"Description":${nested},`,
    );
    const answer = await post(text);
    expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(answer.status === 200 ? 1 : 0);
    expect(answer).toMatchObject({ status: 200 });
  });

  test("answers 200, not 500, for the NewFileUpload with a NUL in its FileId that it stores", async () => {
    const body = legacyNewFileUpload("\u0000");
    body.data.sourceContext = "nul-file-id";
    const answer = await post(JSON.stringify(body));
    const stored = await db.prisma.vodEvent.count({ where: { payloadText: { contains: "nul-file-id" } } });
    expect({ stored, answer: answer.status }).toEqual({ stored: 1, answer: 200 });
  });

  test("answers 400, not 500, to a gzip-encoded body that does not decompress", async () => {
    const answer = await post(JSON.stringify(v3NewFileUpload()), {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(answer).toMatchObject({ status: 400 });
  });
});
