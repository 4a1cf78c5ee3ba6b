// A task on a file (UploadTask, issue 14) as the admin API shows it: a task flow, a legacy transcode, a pull, an
// edit, … with its subtasks as the hot path stored them.
import { z } from "zod";
import type { UploadTask } from "../db/rows.js";

export const taskJsonSchema = z.object({
  taskId: z.string(),
  kind: z.string().describe("Procedure | Transcode | Pull | EditMedia | ComposeMedia | Review | …"),
  status: z.string().describe("PROCESSING | FINISH (others as VOD sent them)"),
  failed: z.boolean().describe("the task, or any of its subtasks, failed"),
  errCode: z.number().int().nullable(),
  message: z.string().nullable(),
  subtasks: z.array(
    z
      .looseObject({
        type: z.string().describe("VOD's subtask type: Transcode, CoverBySnapshot, …"),
        status: z.string().nullable().describe("PROCESSING | SUCCESS | FAIL"),
        errCode: z.number().nullable(),
        errCodeExt: z
          .string()
          .nullable()
          .describe('"" = success; https://cloud.tencent.com/document/product/266/50368'),
        message: z.string().nullable(),
        beganAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
      })
      .partial({ status: true, errCode: true, errCodeExt: true, message: true, beganAt: true, finishedAt: true }),
  ),
  beganAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export type TaskJson = z.input<typeof taskJsonSchema>;

export function taskJson(task: UploadTask): TaskJson {
  return {
    taskId: task.taskId,
    kind: task.kind,
    status: task.status,
    failed: task.failed,
    errCode: task.errCode,
    message: task.message,
    // Written by the hot path from VodTask.subtasks (vod-output.ts): an array of objects.
    subtasks: Array.isArray(task.subtasks) ? (task.subtasks as TaskJson["subtasks"]) : [],
    beganAt: task.beganAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
  };
}
