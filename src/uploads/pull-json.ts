// The Upload JSON's `pull` (issue 15): for an upload pulled from a URL (POST /v1/uploads/pull, or a PullComplete
// for a task we never started), its pull task and how it ended; null for every other upload. `retryable` says what
// to do with a failed pull, from the ErrCode (SDK PullUploadTask.ErrCode): 70000 internal error → try again;
// 40000 bad parameters and 60000 bad source file → final (pulling the same URL again fails the same way); any
// other code is not known to be worth a retry. The source URL is what POST /v1/uploads/pull was asked to fetch
// (metadata.pullSourceUrl, written by src/db/create-pending-pull-upload.ts): VOD's PullComplete does not repeat it.
import { z } from "zod";

export const PULL_RETRYABLE_ERR_CODES: readonly number[] = [70000];

export const pullJsonSchema = z
  .object({
    taskId: z.string().nullable().describe("VOD's pull TaskId"),
    sourceUrl: z.string().nullable().describe("the URL VOD was asked to fetch; null when we did not start the pull"),
    errCode: z
      .number()
      .int()
      .nullable()
      .describe(
        "PullComplete's ErrCode when the pull failed: 40000 bad parameters, 60000 bad source file, 70000 internal error",
      ),
    message: z.string().nullable().describe("PullComplete's Message when the pull failed"),
    retryable: z
      .boolean()
      .nullable()
      .describe("for a failed pull: true when pulling again may work (70000), false when it cannot; null otherwise"),
  })
  .nullable()
  .describe("an upload pulled from a URL (POST /v1/uploads/pull): its pull task; null for other uploads");

export type PullJson = z.input<typeof pullJsonSchema>;

export interface PullColumns {
  pullTaskId: string | null;
  pullErrCode: number | null;
  pullMessage: string | null;
  metadata: unknown;
}

export function pullJson(upload: PullColumns): PullJson {
  if (upload.pullTaskId === null && upload.pullErrCode === null) return null;
  const metadata = upload.metadata as Record<string, unknown> | null;
  const sourceUrl = metadata && typeof metadata === "object" ? metadata["pullSourceUrl"] : null;
  return {
    taskId: upload.pullTaskId,
    sourceUrl: typeof sourceUrl === "string" ? sourceUrl : null,
    errCode: upload.pullErrCode,
    message: upload.pullMessage,
    retryable: upload.pullErrCode === null ? null : PULL_RETRYABLE_ERR_CODES.includes(upload.pullErrCode),
  };
}
