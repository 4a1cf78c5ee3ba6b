// Wakes the delivery worker of this process when ANOTHER process's hot-path statement wrote messages (issue 16 §2):
// that statement notifies `vod_tracker_notify` at commit; this holds one connection of its own (outside the pool,
// which hands its connections round) LISTENing on it. A lost connection is opened again after a pause; meanwhile
// the worker's poll delivers. Not for the embedded database: only this process opens it (messages-written.ts).
import pg from "pg";
import type { Db } from "./db.js";
import { notifyChannel } from "./record-events-sql.js";

const RECONNECT_MS = 1000;

/** Calls `onNotify` for each notification; returns the stop. */
export function listenForMessages(
  db: Db,
  onNotify: () => void,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client(db.pool.options);
    client = next;
    next.on("notification", () => onNotify());
    next.on("error", (error) => {
      onError(error);
      retry(next);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${notifyChannel}`);
      // Whatever was written while no one listened is due now.
      onNotify();
    } catch (error) {
      onError(error);
      retry(next);
    }
  };
  const retry = (failed: pg.Client) => {
    if (stopped || client !== failed) return;
    client = null;
    failed.end().catch(() => undefined);
    timer = setTimeout(() => void connect(), RECONNECT_MS);
    timer.unref();
  };

  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const last = client;
    client = null;
    await last?.end().catch(() => undefined);
  };
}
