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
  /** ReviewAudioVideo task started by a review procedure, "" when none. */
  reviewTaskId: string;
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
  /** The ReviewAudioVideo task a review procedure starts beside it ("" when the procedure asks for no review). */
  reviewTaskId: string;
}

/** What the emulated moderation says of a file (ReviewAudioVideoTaskOutput / AiContentReviewResult outputs). */
export interface ReviewVerdict {
  suggestion: "pass" | "review" | "block";
  /** As given: VOD's labels are Porn, Terror, Polity, Ad, Illegal, Abuse, Moan; anything else is kept too. */
  label: string;
  /** VOD scores 0-100; the control endpoint passes any number through, to test receivers. */
  confidence: number;
  form: string;
}

/** A ReviewAudioVideo task (SDK ReviewAudioVideoTask), started by a review procedure or POST /_emulator/review. */
export interface ReviewTaskRecord {
  taskId: string;
  fileId: string;
  subAppId: number;
  sessionContext: string;
  createdAt: number;
  finishAt: number;
  /** Fixed when the task finishes (the verdict set for the FileId then, else pass). */
  verdict: ReviewVerdict | null;
}

/** A PullUpload task (SDK PullUploadTask): PROCESSING until the fetch ends, then FINISH with ErrCode 0 or 60000. */
export interface PullTaskRecord {
  taskId: string;
  subAppId: number;
  mediaUrl: string;
  mediaType: string;
  mediaName: string | undefined;
  coverUrl: string | undefined;
  procedure: string | undefined;
  storageRegion: string;
  storagePath: string | undefined;
  classId: number;
  sourceContext: string;
  sessionContext: string;
  sessionId: string;
  expireTime: string | undefined;
  priority: number;
  createdAt: number;
  beginAt: number;
  finishAt: number | null;
  errCode: number;
  message: string;
  /** Set once the media exists (ErrCode 0). */
  fileId: string;
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
