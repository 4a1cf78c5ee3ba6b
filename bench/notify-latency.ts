// Phase 2 of bench/notify.ts: callbacks at a paced rate for a while, then commit → receiver latency of every message
// they wrote (commit time: the row's createdAt, PostgreSQL's now() in the writing statement — its transaction's start,
// so a little before the commit: the figure is, if anything, high) and how long after the load stopped (its last
// callback answered) the backlog was drained.
import { percentile, seconds as fmtS, type Outbox } from "./notify-outbox.js";
import { pacedLoad } from "./paced-load.js";
import type { NotifyReceiver } from "./start-notify-receiver.js";

export async function measureLatency(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  bodyOf: () => string;
  outbox: Outbox;
  receiver: NotifyReceiver;
}): Promise<string> {
  const { outbox } = options;
  const before = await outbox.lastId();
  const paced = await pacedLoad(options);
  const stoppedAt = Date.now();
  const drainMs = await outbox.drained(before);
  const arrivals = new Map((await options.receiver.report()).arrivals);
  const rows = await outbox.createdAfter(before);
  const arrivalOf = (id: number) => arrivals.get(`msg_${id}`);
  const latencies = rows
    .flatMap(([id, created]) => {
      const at = arrivalOf(id);
      return at === undefined ? [] : [at - created];
    })
    .sort((a, b) => a - b);
  const lastArrival = Math.max(...rows.map(([id]) => arrivalOf(id) ?? 0));
  return [
    `phase2 paced at ${options.rate}/s for ${options.seconds}s: callbacks_per_s=${paced.perSecond.toFixed(0)} ` +
      `sent=${paced.sent} ok=${paced.ok} non2xx=${paced.non2xx} errors=${paced.errors} ` +
      `callback_p50_ms=${paced.p50Ms} callback_p99_ms=${paced.p99Ms}`,
    `phase2 commit→receiver (createdAt → first arrival): messages=${rows.length} received=${latencies.length} ` +
      `p50_ms=${percentile(latencies, 50)} p99_ms=${percentile(latencies, 99)} max_ms=${latencies.at(-1)} ` +
      `backlog_drained_s_after_load_stop=${fmtS(drainMs)} ` +
      `last_arrival_s_after_load_stop=${((lastArrival - stoppedAt) / 1000).toFixed(1)}`,
  ].join("\n");
}
