// What wakes the waits of the upload watch (create-upload-watch.ts) besides this process's own commits: on
// PostgreSQL, ONE LISTEN connection per process (listen-for-upload-changes.ts), opened with the first wait and kept
// LINGER_MS after the last, so a steady trickle of waits does not open and close it; and the poll per process, not
// per wait: every POLL_MS one query reads the version of every waited upload (upload-wait-store.ts) and the index
// tells the waits whose upload moved. The poll covers a lost LISTEN connection, a lost row, and the embedded
// database, where only this process writes. Rows left by a process that died waiting are purged now and then.
import type { Db } from "./db.js";
import type { Wait, WaitIndex } from "./create-wait-index.js";
import { listenForUploadChanges, type UploadChangesListener } from "./listen-for-upload-changes.js";
import { purgeUploadWaits, readUploadVersions } from "./upload-wait-store.js";

const POLL_MS = 5000;
const LINGER_MS = 60_000;
/** Polls between purges. */
const PURGE_EVERY = 12;

export interface WakeSources {
  /** A wait started: poll, and listen (PostgreSQL). Answers the LISTEN's readiness, if there is one. */
  active(): Promise<void> | undefined;
  /** The last wait ended. */
  idle(): void;
  close(): Promise<void>;
}

export function createWakeSources(
  db: Db,
  index: WaitIndex<Wait>,
  options: { listen: boolean; pollMs?: number; lingerMs?: number; warn: (error: unknown, message: string) => void },
): WakeSources {
  let listener: UploadChangesListener | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let lingerTimer: NodeJS.Timeout | null = null;
  let polls = 0;

  const poll = async () => {
    const uploadIds = index.uploadIds();
    if (uploadIds.length === 0) return;
    const now = await readUploadVersions(db.pool, uploadIds);
    for (const uploadId of uploadIds) index.observe(uploadId, now.get(uploadId) ?? null);
    if (options.listen && polls++ % PURGE_EVERY === 0) await purgeUploadWaits(db.pool);
  };
  const release = (which: UploadChangesListener) => {
    if (listener !== which) return;
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = listener = null;
    void which.stop();
  };
  const stopTimers = () => {
    if (pollTimer) clearInterval(pollTimer);
    if (lingerTimer) clearTimeout(lingerTimer);
    pollTimer = lingerTimer = null;
  };

  return {
    active() {
      if (lingerTimer) clearTimeout(lingerTimer);
      lingerTimer = null;
      pollTimer ??= setInterval(
        () => void poll().catch((error) => options.warn(error, "polling waited uploads failed")),
        options.pollMs ?? POLL_MS,
      );
      pollTimer.unref();
      if (options.listen && !listener) {
        let opened: UploadChangesListener | null = null;
        opened = listener = listenForUploadChanges(db, index.wake, (error) => {
          // Lingering with nobody waiting: closed rather than opened again (the database may be gone for good).
          if (index.size() === 0 && opened) return void release(opened);
          options.warn(error, "LISTEN for upload changes lost; long polls rely on the poll until it is back");
        });
      }
      return listener?.ready;
    },
    idle() {
      stopTimers();
      if (!listener) return;
      const lingering = listener;
      lingerTimer = setTimeout(() => release(lingering), options.lingerMs ?? LINGER_MS);
      lingerTimer.unref();
    },
    async close() {
      stopTimers();
      await listener?.stop();
      listener = null;
    },
  };
}
