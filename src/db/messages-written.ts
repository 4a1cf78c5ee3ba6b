// The in-process wake-up of the delivery workers (issue 16): the hot-path statement reports how many notification
// messages it wrote, and the statement's caller (record-event.ts, after the commit) tells every worker delivering
// from the same pool. Other processes hear the statement's pg_notify instead (listen-for-messages.ts); on the
// embedded database, which only this process opens, this hook is the whole story.
import type pg from "pg";
import type { Db } from "./db.js";

const listeners = new WeakMap<pg.Pool, Set<() => void>>();

/** Calls `listener` whenever a statement on `db`'s pool committed messages; returns the unsubscribe. */
export function onMessagesWritten(db: Db, listener: () => void): () => void {
  let set = listeners.get(db.pool);
  if (!set) listeners.set(db.pool, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function messagesWritten(pool: pg.Pool): void {
  for (const listener of listeners.get(pool) ?? []) listener();
}
