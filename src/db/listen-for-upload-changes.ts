// Hears the other processes' changes to waited uploads (issue 16 §5): one connection of its own per process (outside
// the pool, which hands its connections round) LISTENing on `vod_tracker_upload` (notify-waited-uploads-sql.ts), the
// pattern of listen-for-messages.ts. A lost connection is opened again after a pause and, once back, reports
// `null` ("anything may have changed meanwhile"); until then the watch's poll covers. `onError` may stop it (the
// watch does when nobody waits any more). PostgreSQL only: the embedded database has no other process to hear.
import pg from "pg";
import type { Db } from "./db.js";
import { uploadChangesChannel } from "./notify-waited-uploads-sql.js";

const RECONNECT_MS = 1000;

export interface UploadChangesListener {
  /** Settles once the first LISTEN is in place, or has failed (the poll covers then). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Calls `onChange` with the refs a notification names, or null for "re-read every wait". */
export function listenForUploadChanges(
  db: Db,
  onChange: (refs: readonly string[] | null) => void,
  onError: (error: unknown) => void,
): UploadChangesListener {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let connected = false;
  let settle: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (settle = resolve));

  const connect = async () => {
    if (stopped) return;
    let next: pg.Client;
    try {
      next = new pg.Client(db.pool.options);
    } catch (error) {
      onError(error);
      return settle();
    }
    client = next;
    next.on("notification", (message) => onChange(refsOf(message.payload)));
    next.on("error", (error) => {
      onError(error);
      retry(next);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${uploadChangesChannel}`);
      // After a loss, what changed while no one listened is due now.
      if (connected) onChange(null);
      connected = true;
    } catch (error) {
      onError(error);
      retry(next);
    }
    settle();
  };
  const retry = (failed: pg.Client) => {
    if (stopped || client !== failed) return;
    client = null;
    connected ||= true; // a connection that never came up must still report its return
    failed.end().catch(() => undefined);
    timer = setTimeout(() => void connect(), RECONNECT_MS);
    timer.unref();
  };

  void connect();
  return {
    ready,
    async stop() {
      stopped = true;
      settle();
      if (timer) clearTimeout(timer);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}

function refsOf(payload: string | undefined): readonly string[] | null {
  if (!payload) return null;
  try {
    const refs: unknown = JSON.parse(payload);
    return Array.isArray(refs) ? refs.filter((ref): ref is string => typeof ref === "string") : null;
  } catch {
    return null;
  }
}
