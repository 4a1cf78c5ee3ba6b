// The reliable-callback (PULL) queue of one sub-application, after the PullEvents/ConfirmEvents contract
// (vod-reference §4; SDK comment on PullEvents): at most 16 events per pull; an empty queue holds the request up
// to the hold time; a pulled event must be confirmed within the redelivery window, otherwise it is handed out
// again under a NEW EventHandle and the old handle stops working (confirming it is an InvalidParameterValue).
import { randomBytes } from "node:crypto";

export const MAX_EVENTS_PER_PULL = 16;

export interface QueuedEvent {
  seq: number;
  body: Record<string, unknown>;
  handle: string | null;
  visibleAt: number;
  pulls: number;
}

export interface PulledEvent {
  handle: string;
  body: Record<string, unknown>;
}

export interface EventQueue {
  enqueue(body: Record<string, unknown>): void;
  pull(holdMs: number, redeliveryMs: number): Promise<PulledEvent[]>;
  confirm(handle: string): boolean;
  list(): QueuedEvent[];
  /** Pulls being held now, waiting for an event (tests wait on it instead of sleeping). */
  held(): number;
  /** Ends held pulls at once (they answer with no events) and makes later pulls answer at once. */
  close(): void;
}

export function createEventQueue(): EventQueue {
  const items: QueuedEvent[] = [];
  let seq = 0;
  let closed = false;
  const waiters = new Set<() => void>();

  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };

  const takeVisible = (redeliveryMs: number): PulledEvent[] => {
    const now = Date.now();
    const taken = items.filter((item) => item.visibleAt <= now).slice(0, MAX_EVENTS_PER_PULL);
    return taken.map((item) => {
      item.handle = randomBytes(16).toString("hex");
      item.visibleAt = now + redeliveryMs;
      item.pulls += 1;
      return { handle: item.handle, body: item.body };
    });
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });

  return {
    held: () => waiters.size,
    enqueue(body) {
      items.push({ seq: ++seq, body, handle: null, visibleAt: 0, pulls: 0 });
      wakeAll();
    },
    async pull(holdMs, redeliveryMs) {
      const deadline = Date.now() + holdMs;
      for (;;) {
        const taken = takeVisible(redeliveryMs);
        const now = Date.now();
        if (taken.length > 0 || closed || now >= deadline) return taken;
        // An in-flight event whose window lapses during the hold must be handed out then, not after the hold.
        const nextVisible = Math.min(...items.map((item) => item.visibleAt));
        await sleep(Math.max(1, Math.min(deadline, nextVisible) - now));
      }
    },
    confirm(handle) {
      const index = items.findIndex((item) => item.handle === handle && item.visibleAt > Date.now());
      if (index < 0) return false;
      items.splice(index, 1);
      return true;
    },
    list: () => items.map((item) => ({ ...item })),
    close() {
      closed = true;
      wakeAll();
    },
  };
}
