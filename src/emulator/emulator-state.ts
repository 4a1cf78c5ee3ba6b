// Everything the emulator knows lives here, in memory. Sub-applications are kept apart as VOD keeps them apart:
// media, tasks, event configuration and the PULL queue all belong to one SubAppId (0 = the primary application).
import { createEventQueue, type EventQueue } from "./events/event-queue.js";
import type { EmulatorSettings } from "./emulator-settings.js";
import { createTimerSet, type TimerSet } from "./timer-set.js";

export interface KeyPair {
  secretId: string;
  secretKey: string;
}

export interface TempCertificate {
  secretId: string;
  secretKey: string;
  token: string;
  expiredTime: number;
}

export interface UploadSession {
  vodSessionKey: string;
  subAppId: number;
  mediaType: string;
  mediaName: string | undefined;
  coverType: string | undefined;
  procedure: string | undefined;
  storageRegion: string;
  storageBucket: string;
  mediaStoragePath: string;
  coverStoragePath: string | undefined;
  /** Set when the caller chose MediaStoragePath ("FileID + Path" apps): reported as MediaBasicInfo.StoragePath. */
  customStoragePath: boolean;
  classId: number;
  sourceContext: string;
  sessionContext: string;
  expireTime: string | undefined;
  tempCertificate: TempCertificate;
  committed: boolean;
  createdAt: number;
}

export interface MediaRecord {
  fileId: string;
  subAppId: number;
  name: string;
  type: string;
  size: number;
  storageRegion: string;
  storagePath: string;
  /** Paths of its objects on the COS endpoint (media, cover), removed with the media. */
  objectPaths: string[];
  classId: number;
  sourceContext: string;
  sessionContext: string;
  mediaUrl: string;
  coverUrl: string;
  createdAt: number;
  expireTime: string | undefined;
  procedureTaskId: string;
  deleted: boolean;
  deletedParts: Array<{ Type: string; Definition: number }>;
}

export interface ProcedureTaskRecord {
  taskId: string;
  fileId: string;
  subAppId: number;
  procedure: string;
  sessionContext: string;
  outcome: "success" | "failure";
  createdAt: number;
  beginAt: number;
  finishAt: number;
  finished: boolean;
}

export interface EventConfig {
  mode: "PUSH" | "PULL";
  notificationUrl: string;
  uploadMediaCompleteEventSwitch: "ON" | "OFF";
  deleteMediaCompleteEventSwitch: "ON" | "OFF";
  persistenceCompleteEventSwitch: "ON" | "OFF";
  signKey: string;
}

export interface StoredObject {
  path: string;
  bytes: Buffer;
  etag: string;
  contentType: string;
  lastModified: number;
}

export interface MultipartUpload {
  uploadId: string;
  path: string;
  vodSessionKey: string;
  initiatedAt: number;
  parts: Map<number, { bytes: Buffer; etag: string; lastModified: number }>;
}

export interface EmittedEvent {
  id: string;
  subAppId: number;
  eventType: string;
  route: "push" | "pull" | "suppressed";
  at: string;
  body: Record<string, unknown>;
}

export interface Delivery {
  eventId: string;
  eventType: string;
  url: string;
  attempt: number;
  at: string;
  outcome: "delivered" | "failed" | "dropped";
  status?: number;
  error?: string;
  body: Record<string, unknown>;
}

export interface EmulatorState {
  appId: string;
  keys: KeyPair[];
  settings: EmulatorSettings;
  sessions: Map<string, UploadSession>;
  sessionKeyByToken: Map<string, string>;
  media: Map<string, MediaRecord>;
  tasks: Map<string, ProcedureTaskRecord>;
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
    media: new Map(),
    tasks: new Map(),
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
