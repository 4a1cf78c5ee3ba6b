// Rows of UploadOutput and UploadTask written with plain SQL, for the status API's tests: what the hot-path
// statement writes from a task flow's events, set directly so a test names exactly the outputs and tasks it reads
// (test/api/outputs-end-to-end.test.ts takes the real path, from callbacks). Shapes: docs/vod-events.md §11.
import type { TestDatabase } from "./test-database.js";

export interface SeedOutput {
  kind: string;
  definition?: number;
  url?: string | null;
  container?: string | null;
  width?: number | null;
  height?: number | null;
  bitrate?: number | null;
  size?: number | null;
  duration?: number | null;
  md5?: string | null;
  drmType?: string | null;
  details?: Record<string, unknown>;
  taskId?: string | null;
  subtask?: string | null;
  finishedAt?: Date | null;
  receivedAt?: Date;
  eventId?: number;
}

export interface SeedTask {
  taskId: string;
  kind?: string;
  status: string;
  failed?: boolean;
  errCode?: number | null;
  message?: string | null;
  subtasks?: unknown[];
  beganAt?: Date | null;
  finishedAt?: Date | null;
  receivedAt?: Date;
}

let nextEventId = 1;

export async function seedOutputs(db: TestDatabase, fileId: string, outputs: readonly SeedOutput[]): Promise<void> {
  for (const output of outputs) {
    await db.pool.query(
      `INSERT INTO "UploadOutput" ("fileId", kind, definition, url, container, width, height, bitrate, size, duration,
         md5, "drmType", details, "taskId", subtask, "finishedAt", "eventId", "receivedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())`,
      [
        fileId,
        output.kind,
        output.definition ?? 0,
        output.url ?? null,
        output.container ?? null,
        output.width ?? null,
        output.height ?? null,
        output.bitrate ?? null,
        output.size ?? null,
        output.duration ?? null,
        output.md5 ?? null,
        output.drmType ?? null,
        JSON.stringify(output.details ?? {}),
        output.taskId ?? null,
        output.subtask ?? null,
        output.finishedAt ?? null,
        output.eventId ?? nextEventId++,
        output.receivedAt ?? new Date(),
      ],
    );
  }
}

export async function seedTasks(db: TestDatabase, fileId: string, tasks: readonly SeedTask[]): Promise<void> {
  for (const task of tasks) {
    await db.pool.query(
      `INSERT INTO "UploadTask" ("fileId", "taskId", kind, status, failed, "errCode", message, subtasks, "beganAt",
         "finishedAt", "eventId", "receivedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
      [
        fileId,
        task.taskId,
        task.kind ?? "Procedure",
        task.status,
        task.failed ?? false,
        task.errCode ?? null,
        task.message ?? null,
        JSON.stringify(task.subtasks ?? []),
        task.beganAt ?? null,
        task.finishedAt ?? null,
        nextEventId++,
        task.receivedAt ?? new Date(),
      ],
    );
  }
}

/** A base URL of VOD's transcode folder for a file, as in the real callback of v3/procedure-finish-outputs. */
export const vodFolder = (fileId: string) =>
  `http://1305819496.vod2.myqcloud.com/ee2c0b58vodtranscq1305819496/f0e32f02${fileId}`;

/**
 * One output of each kind a task flow makes, with the values of the real callback in
 * test/fixtures/v3/procedure-finish-outputs.json (Transcode from Tencent's ProcedureStateChanged page) and the field
 * names of docs/vod-events.md §11.2 (MediaTranscodeItem, AdaptiveDynamicStreamingInfoItem, …), moved to `fileId`.
 * The animated graphic's values are illustrative (MediaAnimatedGraphicsItem's fields; no real example was found).
 */
export function taskFlowOutputs(fileId: string, taskId: string): SeedOutput[] {
  const at = vodFolder(fileId);
  const finishedAt = new Date("2026-11-30T09:10:00.120Z");
  const made = { taskId, finishedAt };
  return [
    {
      kind: "transcode",
      definition: 100020,
      url: `${at}/v.f100020.mp4`,
      container: "mov,mp4,m4a,3gp,3g2,mj2",
      width: 640,
      height: 480,
      bitrate: 552218,
      size: 4189073,
      duration: 60.04700088501,
      md5: "eff7031ad7877865f9a3240e9ab165ad",
      subtask: "Transcode",
      ...made,
    },
    {
      kind: "adaptive",
      definition: 10,
      url: `${at}/adp.10.m3u8`,
      drmType: "",
      details: { package: "HLS" },
      subtask: "AdaptiveDynamicStreaming",
      ...made,
    },
    {
      kind: "cover",
      definition: 10,
      url: `${at}/coverBySnapshot/coverBySnapshot_10_0.jpg`,
      subtask: "CoverBySnapshot",
      ...made,
    },
    {
      kind: "snapshot",
      definition: 10,
      details: { picInfoSet: [3, 6, 9].map((timeOffset, n) => ({ timeOffset, url: `${at}/xxx${n + 1}.jpg` })) },
      subtask: "SnapshotByTimeOffset",
      ...made,
    },
    {
      kind: "sampleSnapshot",
      definition: 10,
      details: { sampleType: "Percent", interval: 10, imageUrlSet: [1, 2, 3].map((n) => `${at}/xxx${n}.jpg`) },
      subtask: "SampleSnapshot",
      ...made,
    },
    {
      kind: "sprite",
      definition: 10,
      width: 142,
      height: 80,
      details: {
        totalCount: 10,
        imageUrlSet: [`${at}/imageSprite/imageSprite_10_0.jpg`],
        webVttUrl: `${at}/imageSprite/imageSprite_10.vtt`,
      },
      subtask: "ImageSprites",
      ...made,
    },
    {
      kind: "animatedGraphic",
      definition: 20000,
      url: `${at}/animatedGraphic/v.f20000.gif`,
      container: "gif",
      width: 320,
      height: 180,
      bitrate: 512000,
      size: 204800,
      duration: 3,
      md5: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
      details: { startTimeOffset: 0, endTimeOffset: 3 },
      subtask: "AnimatedGraphics",
      ...made,
    },
  ];
}
