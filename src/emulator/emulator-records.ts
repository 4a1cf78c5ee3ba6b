// The records the emulator keeps in memory (see emulator-state.ts), one interface per kind of thing VOD or COS
// would store: upload sessions, media, procedure tasks, event configuration, objects, multipart uploads, and the
// logs of raised events and PUSH attempts.

export interface KeyPair {
  secretId: string;
  secretKey: string;
}

/** How VOD reports a task flow's progress (ProcedureTask.TasksNotifyMode). */
export type TaskNotifyMode = "Finish" | "Change" | "None";

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
  /** Opened by ApplyUploadUGC with a client upload signature (legacy events say sourceType "ClientUpload"). */
  clientUpload: boolean;
  taskPriority: number;
  taskNotifyMode: TaskNotifyMode;
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
  clientUpload: boolean;
  deleted: boolean;
  deletedParts: Array<{ Type: string; Definition: number }>;
}

export interface ProcedureTaskRecord {
  taskId: string;
  fileId: string;
  subAppId: number;
  procedure: string;
  sessionContext: string;
  priority: number;
  notifyMode: TaskNotifyMode;
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
