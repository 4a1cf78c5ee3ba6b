// Every delayed action of the emulator (procedure completion, push retries) goes through one set, so reset() and
// close() can cancel them all. A closed set refuses new timers and tells in-flight work (a push whose answer
// arrives after the reset) to drop its result instead of writing into the state of the next test.
export interface TimerSet {
  readonly closed: boolean;
  after(ms: number, action: () => void): void;
  close(): void;
}

export function createTimerSet(): TimerSet {
  const pending = new Set<NodeJS.Timeout>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    after(ms, action) {
      if (closed) return;
      const timer = setTimeout(() => {
        pending.delete(timer);
        action();
      }, ms);
      pending.add(timer);
    },
    close() {
      closed = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
