// The in-process wake-up of long polls (issue 16 §5), the shape of messages-written.ts: a write path that changed
// uploads tells, after its commit, whoever follows uploads on the same pool (create-upload-watch.ts), naming them by
// FileId or upload id. The hot path calls it with the FileIds its statement answered (record-event.ts); other
// processes hear the statement's NOTIFY instead (notify-waited-uploads-sql.ts). On the embedded database, which only
// this process opens, this and the watch's poll are the whole story.
import type pg from "pg";

const listeners = new WeakMap<pg.Pool, Set<(refs: readonly string[]) => void>>();

/** Calls `listener` with the refs of every commit on `pool` that changed uploads; returns the unsubscribe. */
export function onUploadsChanged(pool: pg.Pool, listener: (refs: readonly string[]) => void): () => void {
  let set = listeners.get(pool);
  if (!set) listeners.set(pool, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function uploadsChanged(pool: pg.Pool, refs: readonly string[]): void {
  const set = listeners.get(pool);
  if (!set || refs.length === 0) return;
  for (const listener of set) listener(refs);
}
