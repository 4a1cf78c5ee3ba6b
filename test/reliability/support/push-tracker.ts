// Follows the emulator's PUSH deliveries (state.deliveries, appended one record per attempt) without copying
// them: which events were acknowledged with a 2xx, which the emulator gave up on after its last retry, and how
// many attempts failed and why. The crash and storm tests pace their emission on `settled`.
import type { EmulatorState } from "../../../src/emulator/emulator-state.js";

export interface PushTracker {
  /** Reads the delivery records added since the last scan. */
  scan(): void;
  /** Events with a final answer: acknowledged, or given up. */
  readonly settled: number;
  acknowledged: Set<string>;
  givenUp: Set<string>;
  /** Attempts after the first 2xx of an event (emulator duplicates), by event. */
  redelivered: number;
  failedAttempts: number;
  failures: Map<string, number>;
  attempts: number;
}

export function trackPushes(state: EmulatorState, maxAttempts: number): PushTracker {
  const deliveries = state.deliveries;
  let next = 0;
  const tracker: PushTracker = {
    acknowledged: new Set(),
    givenUp: new Set(),
    redelivered: 0,
    failedAttempts: 0,
    failures: new Map(),
    attempts: 0,
    get settled() {
      return tracker.acknowledged.size + tracker.givenUp.size;
    },
    scan() {
      for (; next < deliveries.length; next += 1) {
        const delivery = deliveries[next];
        if (!delivery) continue;
        tracker.attempts += 1;
        if (delivery.outcome === "delivered") {
          if (tracker.acknowledged.has(delivery.eventId)) tracker.redelivered += 1;
          else tracker.acknowledged.add(delivery.eventId);
          continue;
        }
        tracker.failedAttempts += 1;
        const reason =
          delivery.status !== undefined ? `HTTP ${delivery.status}` : (delivery.error ?? "?").replace(/:.*/, "");
        tracker.failures.set(reason, (tracker.failures.get(reason) ?? 0) + 1);
        // The last attempt of an event that was never acknowledged: the emulator gives up, as VOD does.
        if (
          delivery.outcome === "dropped" ||
          (delivery.attempt >= maxAttempts && !tracker.acknowledged.has(delivery.eventId))
        ) {
          tracker.givenUp.add(delivery.eventId);
        }
      }
    },
  };
  return tracker;
}
