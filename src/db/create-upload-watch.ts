// Who follows which upload, for long polls (GET /v1/uploads/:ref?waitFor=, issue 16 §5), one per process: each wait
// says which upload it follows and is told when that upload may have changed; it re-reads then, and only then. What
// tells it, without a query per waiting client: this process's own commits (uploads-changed.ts, called by the write
// paths after their commit); on PostgreSQL, other processes' commits, since a wait is a row in UploadWait while it
// lasts and their statements NOTIFY the waited uploads (notify-waited-uploads-sql.ts); and the per-process poll
// (create-wake-sources.ts holds LISTEN and poll). A wait is in the index before its row exists and reads its upload
// again once the row is there, so a change lands in that read, in a wake-up, or in the version the poll compares.
import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { createBatcher } from "./create-batcher.js";
import type { Db } from "./db.js";
import { endUploadWaits, registerUploadWaits, setUploadWaitFile, type UploadWaitRow } from "./upload-wait-store.js";
import { onUploadsChanged } from "./uploads-changed.js";
import { createWaitIndex, type Wait } from "./create-wait-index.js";
import { createWakeSources } from "./create-wake-sources.js";

/** How long a wait's start waits for the LISTEN connection before counting on the poll. */
const LISTEN_READY_MS = 2000;

export interface UploadWatch {
  /** Follows an upload until the handle's stop(); `onChange(false)` whenever it may have changed, `onChange(true)`
   *  when the watch closes (answer now). Settles once the wait is in place. */
  watch(
    upload: { id: string; fileId: string | null },
    expiresAt: Date,
    onChange: (closing: boolean) => void,
  ): Promise<WatchHandle>;
  /** Waits in progress (the waiters gauge; a property: it is handed on alone). */
  size: () => number;
  /** Tells every wait to answer, and settles when they have ended (or after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

export interface WatchHandle {
  /** The upload got a FileId (a pull): other processes name it by that from now on. */
  setFileId(fileId: string): void;
  stop(): void;
}

interface Entry extends UploadWaitRow, Wait {
  registered: Promise<unknown>;
}

export function createUploadWatch(
  db: Db & { mode?: "postgresql" | "embedded" },
  options: { logger?: Logger; pollMs?: number; lingerMs?: number } = {},
): UploadWatch {
  // Rows and LISTEN only where another process can write: the embedded database has no other process.
  const shared = db.mode !== "embedded";
  const warn = (error: unknown, message: string) => options.logger?.warn({ err: error }, message);
  const index = createWaitIndex<Entry>();
  const sources = createWakeSources(db, index, { listen: shared, ...options, warn });
  let closed = false;
  const ending = new Set<Promise<unknown>>();
  const unsubscribe = onUploadsChanged(db.pool, index.wake);

  const register = createBatcher(async (waits: Entry[]) => {
    const found = await registerUploadWaits(db.pool, waits, { record: shared });
    return waits.map((wait) => found.get(wait.uploadId) ?? null);
  });
  const end = createBatcher(async (ids: string[]) => {
    await endUploadWaits(db.pool, ids);
    return ids.map(() => undefined);
  });

  return {
    async watch(upload, expiresAt, onChange) {
      const entry: Entry = {
        id: randomUUID(),
        uploadId: upload.id,
        fileId: upload.fileId,
        expiresAt,
        onChange,
        registered: Promise.resolve(),
      };
      const handle: WatchHandle = {
        setFileId: (fileId) => {
          if (entry.fileId === fileId || !index.has(entry)) return;
          index.setFileId(entry, fileId);
          if (shared)
            void entry.registered
              .then(() => setUploadWaitFile(db.pool, entry.id, fileId))
              .catch((error) => warn(error, "could not name a waited upload's FileId"));
        },
        stop: () => {
          if (!index.remove(entry)) return;
          if (index.size() === 0) sources.idle();
          if (!shared) return;
          // After its insert, whatever became of it: a row deleted first would be inserted after and linger.
          const done = entry.registered
            .then(() => end(entry.id))
            .catch((error) => warn(error, "could not remove a wait's row; it expires"));
          ending.add(done);
          void done.finally(() => ending.delete(done));
        },
      };
      if (closed) {
        queueMicrotask(() => onChange(true));
        return handle;
      }
      index.add(entry);
      const listening = sources.active();
      const registration = (async () => {
        // LISTEN first: a notification sent once the row is visible must find someone listening.
        if (listening) await Promise.race([listening, delay(LISTEN_READY_MS)]);
        return register(entry);
      })();
      entry.registered = registration.catch(() => undefined);
      try {
        const version = await registration;
        if (index.has(entry)) index.observe(entry.uploadId, version);
      } catch (error) {
        // The poll and this process's own wake-ups still work; the wait goes on without its row.
        warn(error, "could not record a wait; other processes' changes reach it by the poll");
      }
      return handle;
    },
    size: () => index.size(),
    async close(graceMs = 10_000) {
      closed = true;
      unsubscribe();
      for (const entry of index.all()) entry.onChange(true);
      const deadline = Date.now() + graceMs;
      while (index.size() > 0 && Date.now() < deadline) await delay(10);
      await Promise.race([Promise.allSettled([...ending]), delay(Math.max(0, deadline - Date.now()))]);
      await sources.close();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
