// Database outage (issue 7, reliability 2): callbacks keep coming (16 concurrent senders of unique realistic
// bodies of both formats) while the database goes away twice — first the network to it is cut (a TCP proxy
// between the service and PostgreSQL resets every connection and refuses new ones), then PostgreSQL itself
// refuses the database (ALLOW_CONNECTIONS false + pg_terminate_backend; the shared server keeps running). The
// service, a child process, must answer 503 during each outage, never crash, never answer 200 for an event it did
// not store, and recover by itself.
import pg from "pg";
import { callbackBody } from "../support/callback-body.js";
import { dedupeKey } from "../../src/events/dedupe-key.js";
import { newFileId } from "../support/vod-event-factory.js";
import { v3NewFileUpload, v3Procedure } from "../support/vod-payloads.js";
import { createScratchDatabase, serverUrl, type ScratchDatabase } from "./support/scratch-database.js";
import { sleep, startChild, type ChildService } from "./support/service-process.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

const SENDERS = 16;
const OUTAGE_MS = 4000;
const SETTLE_MS = 2000;
const RECOVERY_LIMIT_MS = 20_000;
const callbackToken = "outage-callback-token";

type Phase = "warm-up" | "network cut" | "after network cut" | "database refused" | "after database refused";
interface Answer {
  key: string;
  raw: string;
  status: number; // 0 = no HTTP answer (connection error or client timeout)
  code: string | null;
  phase: Phase;
}

let db: ScratchDatabase;
let proxy: TcpProxy;
let service: ChildService;
const answers: Answer[] = [];
const probes: Array<{ phase: Phase; healthz: number; readyz: number }> = [];
const recoveredInMs: Partial<Record<Phase, number>> = {};
let storedKeys: Set<string>;
let resent: Array<{ status: number; code: string | null }> = [];
let rowsAfterResend = 0;

async function post(raw: string): Promise<{ status: number; code: string | null }> {
  try {
    const response = await fetch(`${service.url}/callbacks/vod?token=${callbackToken}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
    return { status: response.status, code: json?.error?.code ?? null };
  } catch {
    return { status: 0, code: null };
  }
}

async function statusOf(path: string): Promise<number> {
  try {
    const response = await fetch(`${service.url}${path}`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

beforeAll(async () => {
  db = await createScratchDatabase("outage");
  const server = new URL(serverUrl);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  service = await startChild({
    command: "serve",
    env: {
      DATABASE_URL: viaProxy.toString(),
      CALLBACK_TOKEN: callbackToken,
      API_TOKENS: "outage-api",
      DATABASE_POOL_SIZE: "10",
    },
  });

  let phase: Phase = "warm-up";
  let running = true;
  let sequence = 0;
  const sender = async () => {
    while (running) {
      const raw = callbackBody(sequence++);
      const { status, code } = await post(raw);
      answers.push({ key: dedupeKey(JSON.parse(raw)), raw, status, code, phase });
      if (status !== 200) await sleep(20); // as a sender backing off a little; keeps the outage traffic bounded
    }
  };
  const prober = async () => {
    while (running) {
      const [healthz, readyz] = await Promise.all([statusOf("/healthz"), statusOf("/readyz")]);
      probes.push({ phase, healthz, readyz });
      await sleep(200);
    }
  };
  const recovered = async (after: Phase) => {
    const started = Date.now();
    const from = answers.length;
    while (!answers.slice(from).some((answer) => answer.status === 200)) {
      if (Date.now() - started > RECOVERY_LIMIT_MS) return;
      await sleep(25);
    }
    recoveredInMs[after] = Date.now() - started;
  };

  const load = [...Array.from({ length: SENDERS }, sender), prober()];
  await sleep(SETTLE_MS);

  phase = "network cut";
  await proxy.cut();
  await sleep(OUTAGE_MS);
  await proxy.restore();
  phase = "after network cut";
  await recovered(phase);
  await sleep(SETTLE_MS);

  phase = "database refused";
  await db.admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
  await db.admin(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [db.name],
  );
  await sleep(OUTAGE_MS);
  await db.admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
  phase = "after database refused";
  await recovered(phase);
  await sleep(SETTLE_MS);
  running = false;
  await Promise.all(load);

  storedKeys = new Set(
    (await db.prisma.vodEvent.findMany({ select: { dedupeKey: true } })).map((row) => row.dedupeKey),
  );
  // What a sender does with a refused callback: send it again. Stored-but-refused ones come back "duplicate".
  resent = await Promise.all(answers.filter((answer) => answer.status !== 200).map((answer) => post(answer.raw)));
  rowsAfterResend = await db.prisma.vodEvent.count();

  const byPhase = new Map<Phase, Record<string, number>>();
  for (const answer of answers) {
    const counts = byPhase.get(answer.phase) ?? {};
    const label = answer.status === 200 ? "200" : `${answer.status}${answer.code ? ` ${answer.code}` : ""}`;
    counts[label] = (counts[label] ?? 0) + 1;
    byPhase.set(answer.phase, counts);
  }
  console.log(
    [
      `outage: ${answers.length} callbacks, ${SENDERS} senders, outages of ${OUTAGE_MS} ms`,
      ...[...byPhase].map(([name, counts]) => `  ${name}: ${JSON.stringify(counts)}`),
      `  recovered (first 200 after the database came back): ${JSON.stringify(recoveredInMs)} ms`,
      `  stored after the run: ${storedKeys.size}; resent ${resent.length} refused callbacks: ` +
        `${JSON.stringify(resent.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {}))}; ` +
        `stored after resending: ${rowsAfterResend}`,
    ].join("\n"),
  );
});

afterAll(async () => {
  await service?.stop();
  await proxy?.close();
  await db?.drop();
});

const refusedIn = (phases: Phase[]) =>
  answers.filter((answer) => phases.includes(answer.phase) && answer.status !== 200);
const summary = (list: Answer[]) =>
  list.reduce<Record<string, number>>(
    (counts, a) => ({ ...counts, [`${a.status} ${a.code}`]: (counts[`${a.status} ${a.code}`] ?? 0) + 1 }),
    {},
  );

describe("the service while its database goes away under load", () => {
  test("answers 503 database_unavailable while the network to the database is cut", () => {
    const refused = refusedIn(["warm-up", "network cut", "after network cut"]);
    expect(refused.length).toBeGreaterThan(0);
    expect(summary(refused)).toEqual({ [`503 database_unavailable`]: refused.length });
  });

  test("answers 503 database_unavailable, not 500, while PostgreSQL refuses connections to the database", () => {
    const refused = refusedIn(["database refused", "after database refused"]);
    expect(refused.length).toBeGreaterThan(0);
    expect(summary(refused)).toEqual({ [`503 database_unavailable`]: refused.length });
  });

  test("never answers 200 for an event it did not store", () => {
    const acknowledged = answers.filter((answer) => answer.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.filter((answer) => !storedKeys.has(answer.key)).map((answer) => answer.key)).toEqual([]);
  });

  test("stays up through both outages and recovers without a restart", () => {
    expect(service.exited).toBe(false);
    expect(probes.every((probe) => probe.healthz === 200)).toBe(true);
    for (const outage of ["network cut", "database refused"] as const) {
      expect(probes.some((probe) => probe.phase === outage && probe.readyz === 503)).toBe(true);
    }
    expect(recoveredInMs).toEqual({
      "after network cut": expect.any(Number),
      "after database refused": expect.any(Number),
    });
    expect(probes.at(-1)?.readyz).toBe(200);
  });

  test("stores every event once the sender retries what was refused", () => {
    expect(resent.every((answer) => answer.status === 200)).toBe(true);
    expect(rowsAfterResend).toBe(answers.length);
  });
});

describe("the service when the connection drops under a running statement", () => {
  test("answers 503 database_unavailable, not 500, and the event it could not confirm is stored once when resent", async () => {
    const fileId = newFileId();
    expect((await post(JSON.stringify(v3NewFileUpload(fileId)))).status).toBe(200);
    // Hold the upload's row so the next event's statement waits on it, in flight, when the network is cut.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT 1 FROM "Upload" WHERE "fileId" = $1 FOR UPDATE`, [fileId]);
      const raw = JSON.stringify(v3Procedure(fileId, "success"));
      const answer = post(raw);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const waiting = await locker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [db.name],
        );
        if (waiting.rows[0].n > 0) break;
        if (Date.now() > deadline) throw new Error("the callback's statement never waited on the lock");
        await sleep(20);
      }
      await proxy.cut();
      const { status, code } = await answer;
      await locker.query("ROLLBACK");
      await proxy.restore();
      // PostgreSQL finishes the orphaned statement once the lock is gone: stored, but not acknowledged. VOD's
      // retry then gets "duplicate", so nothing is lost either way.
      const again = await post(raw);
      expect(again.status).toBe(200);
      expect(await db.prisma.vodEvent.count({ where: { fileId } })).toBe(2);
      expect(await db.prisma.upload.findUnique({ where: { fileId } })).toMatchObject({ status: "PROCESSED" });
      expect({ status, code }).toEqual({ status: 503, code: "database_unavailable" });
    } finally {
      await locker.end();
      await proxy.restore().catch(() => undefined);
    }
  });
});
