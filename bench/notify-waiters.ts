// Phase 3 of bench/notify.ts: what 1,000 clients waiting on GET /v1/uploads/:ref?waitFor=processed&timeout=60 cost
// the database (the wait API must cost no query per waiting client per second: LISTEN/NOTIFY plus a fallback poll),
// then how long until all of them are answered once their uploads' task flows finish.
// The database's load is its xact_commit (pg_stat_database, this database only) and every PostgreSQL process's CPU
// (bench/process-cpu.ts: the whole server, so other work on the machine counts too) over 10 s, with none waiting and
// with 1,000. A backend reports its counts to pg_stat_database up to 10 s late when it goes idle, so each window is
// read after 10 s of the same state.
import { procedureCallbackBody } from "../test/support/procedure-callback-body.js";
import { percentile, type Outbox } from "./notify-outbox.js";
import { startCpuMeter } from "./process-cpu.js";
import { hasWaitApi, holdWaiters } from "./wait-clients.js";

const WAITERS = 1000;
const WINDOW_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends each body with at most `concurrency` in flight; answers when each was answered (ms), by index. */
async function post(url: string, bodies: string[], concurrency: number): Promise<number[]> {
  const at: number[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const answer = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodies[i],
      });
      await answer.arrayBuffer();
      if (!answer.ok) throw new Error(`callback answered ${answer.status}`);
      at[i] = Date.now();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return at;
}

export async function measureWaiters(options: {
  base: string;
  token: string;
  outbox: Outbox;
  servicePid: number;
  newFileUpload: () => { fileId: string; body: string };
}): Promise<string> {
  const callbacks = `${options.base}/callbacks/vod?token=bench`;
  const first = options.newFileUpload();
  await post(callbacks, [first.body], 1);
  if (!(await hasWaitApi(options.base, options.token, first.fileId))) {
    return "phase3 skipped: this build has no wait API (GET /v1/uploads/:ref?waitFor=… answered without a Wait-Result header)";
  }
  const uploads = [first, ...Array.from({ length: WAITERS - 1 }, options.newFileUpload)];
  await post(
    callbacks,
    uploads.slice(1).map((u) => u.body),
    32,
  );
  await options.outbox.drained();

  const commits = () =>
    options.outbox.count(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`);
  const window = async () => {
    await sleep(WINDOW_MS); // the same state for 10 s before the window: late reports are of this state
    const start = await commits();
    const meter = startCpuMeter(options.servicePid);
    await sleep(WINDOW_MS);
    const cpu = meter.stop();
    const n = (await commits()) - start;
    return `xact_commit=${n} (${(n / (WINDOW_MS / 1000)).toFixed(1)}/s) postgres_cpu_ms=${cpu.postgresMs} service_cpu_ms=${cpu.serviceMs}`;
  };

  const idle = await window();
  const waiters = holdWaiters({
    base: options.base,
    token: options.token,
    refs: uploads.map((u) => u.fileId),
    waitFor: "processed",
    timeoutS: 60,
  });
  const waiting = await window();
  const answeredEarly = waiters.answered();

  const finishBodies = uploads.map((u, n) => procedureCallbackBody(n, u.fileId));
  const started = Date.now();
  const finishedAt = await post(callbacks, finishBodies, 64);
  const answers = await waiters.answers;
  const allAnsweredMs = Math.max(...answers.map((a) => a.at)) - started;
  const lastFinishMs = Math.max(...finishedAt) - started;
  const afterFinish = answers.map((a, i) => a.at - (finishedAt[i] as number)).sort((a, b) => a - b);
  const results = new Map<string, number>();
  for (const a of answers)
    results.set(`${a.status}/${a.result || "none"}`, (results.get(`${a.status}/${a.result || "none"}`) ?? 0) + 1);
  return [
    `phase3 ${WAITERS} uploads, 10 s windows: no waiter: ${idle}`,
    `phase3 ${WAITERS} waiting (waitFor=processed&timeout=60): ${waiting}; answered before their change: ${answeredEarly}`,
    `phase3 all task flows finished (64 in flight) in ${(lastFinishMs / 1000).toFixed(2)} s; all ${WAITERS} waiters answered ` +
      `${(allAnsweredMs / 1000).toFixed(2)} s after the first was sent; each after its own callback's 200: ` +
      `p50_ms=${percentile(afterFinish, 50)} p99_ms=${percentile(afterFinish, 99)} max_ms=${afterFinish.at(-1)}; ` +
      `answers ${[...results].map(([k, v]) => `${k}=${v}`).join(" ")}`,
  ].join("\n");
}
