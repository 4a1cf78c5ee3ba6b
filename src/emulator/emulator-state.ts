// Everything the emulator knows lives here, in memory. Sub-applications are kept apart as VOD keeps them apart:
// media, tasks, event configuration and the PULL queue all belong to one SubAppId (0 = the primary application).
import { createEventQueue, type EventQueue } from "./events/event-queue.js";
import type { EmulatorSettings } from "./emulator-settings.js";
import type {
  Delivery,
  EmittedEvent,
  EventConfig,
  KeyPair,
  MediaRecord,
  MultipartUpload,
  ProcedureTaskRecord,
  PullTaskRecord,
  ReviewTaskRecord,
  ReviewVerdict,
  StoredObject,
  UploadSession,
} from "./emulator-records.js";
import { createTimerSet, type TimerSet } from "./timer-set.js";

export type * from "./emulator-records.js";

export interface EmulatorState {
  appId: string;
  keys: KeyPair[];
  settings: EmulatorSettings;
  sessions: Map<string, UploadSession>;
  sessionKeyByToken: Map<string, string>;
  /** One-time client upload signatures spent (by their HMAC, hex) → the action that spent each. */
  oneTimeSignatures: Map<string, string>;
  media: Map<string, MediaRecord>;
  tasks: Map<string, ProcedureTaskRecord>;
  pullTasks: Map<string, PullTaskRecord>;
  reviewTasks: Map<string, ReviewTaskRecord>;
  /** Verdicts set by POST /_emulator/review, by FileId; a review of a file without one passes. */
  reviewVerdicts: Map<string, ReviewVerdict>;
  objects: Map<string, StoredObject>;
  multipartUploads: Map<string, MultipartUpload>;
  eventConfigs: Map<number, EventConfig>;
  queues: Map<number, EventQueue>;
  events: EmittedEvent[];
  deliveries: Delivery[];
  timers: TimerSet;
}

export const defaultEventConfig: EventConfig = Object.freeze({
  mode: "PUSH",
  notificationUrl: "",
  uploadMediaCompleteEventSwitch: "OFF",
  deleteMediaCompleteEventSwitch: "OFF",
  persistenceCompleteEventSwitch: "OFF",
  signKey: "",
});

export function createEmulatorState(appId: string, keys: KeyPair[], settings: EmulatorSettings): EmulatorState {
  return {
    appId,
    keys,
    settings: { ...settings },
    sessions: new Map(),
    sessionKeyByToken: new Map(),
    oneTimeSignatures: new Map(),
    media: new Map(),
    tasks: new Map(),
    pullTasks: new Map(),
    reviewTasks: new Map(),
    reviewVerdicts: new Map(),
    objects: new Map(),
    multipartUploads: new Map(),
    eventConfigs: new Map(),
    queues: new Map(),
    events: [],
    deliveries: [],
    timers: createTimerSet(),
  };
}

export function eventConfigOf(state: EmulatorState, subAppId: number): EventConfig {
  let config = state.eventConfigs.get(subAppId);
  if (!config) {
    config = { ...defaultEventConfig };
    state.eventConfigs.set(subAppId, config);
  }
  return config;
}

export function queueOf(state: EmulatorState, subAppId: number): EventQueue {
  let queue = state.queues.get(subAppId);
  if (!queue) {
    queue = createEventQueue();
    state.queues.set(subAppId, queue);
  }
  return queue;
}
