// POST /_emulator/reset: back to the state right after start. Pending timers are cancelled and replaced, and
// arrays are replaced rather than emptied, so work still in flight from before (a push awaiting its answer)
// cannot write into the fresh state.
import type { EmulatorSettings } from "../emulator-settings.js";
import type { EmulatorState, EventConfig } from "../emulator-state.js";
import { createTimerSet } from "../timer-set.js";

export function resetEmulator(state: EmulatorState, settings: EmulatorSettings, eventConfig: EventConfig): void {
  state.timers.close();
  state.timers = createTimerSet();
  for (const queue of state.queues.values()) queue.close();
  state.settings = { ...settings };
  state.sessions = new Map();
  state.sessionKeyByToken = new Map();
  state.oneTimeSignatures = new Map();
  state.media = new Map();
  state.tasks = new Map();
  state.pullTasks = new Map();
  state.reviewTasks = new Map();
  state.reviewVerdicts = new Map();
  state.objects = new Map();
  state.multipartUploads = new Map();
  state.eventConfigs = new Map([[0, { ...eventConfig }]]);
  state.queues = new Map();
  state.events = [];
  state.deliveries = [];
}
