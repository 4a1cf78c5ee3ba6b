// Every delayed action of the emulator (procedure completion, push retries) goes through one set, so reset() and
// close() can cancel them all and a stopped emulator never fires into a finished test.
export interface TimerSet {
  after(ms: number, action: () => void): void;
  clear(): void;
}

export function createTimerSet(): TimerSet {
  const pending = new Set<NodeJS.Timeout>();
  return {
    after(ms, action) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        action();
      }, ms);
      pending.add(timer);
    },
    clear() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}
