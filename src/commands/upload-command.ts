// `vod-tracker upload`: see `vod-tracker upload --help` (src/commands/create-program.ts). Two ways in: a local
// <file> (ApplyUpload → COS → CommitUpload through the SDK), or --from-url (the service's POST /v1/uploads/pull: VOD
// fetches the URL itself). Both can --wait for a final status through the service's API.
import path from "node:path";
import type { Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import { isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { describePlayback } from "../vod/describe-playback.js";
import { progressReporter } from "../vod/progress-reporter.js";
import { mediaUrlProblem, PULL_UPLOAD_LIMITS } from "../vod/pull-upload-limits.js";
import { requestPullUpload } from "../vod/request-pull-upload.js";
import { uploadFile } from "../vod/upload-file.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import { waitForFinalStatus } from "../vod/wait-for-final-status.js";
import { apiTokenFor } from "./api-token-for.js";
import type { Outcome } from "./command.js";
import { exitCodes } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

export interface UploadOptions {
  /** A local file; or, instead, fromUrl. */
  file?: string | undefined;
  fromUrl?: string | undefined;
  procedure?: string;
  storageRegion?: string;
  sourceContext?: string;
  sessionContext?: string;
  cover?: string;
  mediaName?: string;
  concurrency: number;
  wait?: boolean;
  /** Seconds. */
  waitTimeout: number;
}

export async function uploadCommand(config: Config, logger: Logger, options: UploadOptions): Promise<Outcome> {
  if (options.fromUrl !== undefined) return pullFromUrl(config, { ...options, fromUrl: options.fromUrl });
  if (!options.file) throw new UsageError("upload needs a <file>, or --from-url <url>");
  // Before the upload: a missing token found after it would leave an upload nobody follows.
  const apiToken = options.wait ? apiTokenFor(config) : null;
  const vod = vodClientFromConfig(config);
  // The embedded database belongs to the running service (one process per DATA_DIR): record only on PostgreSQL.
  const database = config.DATABASE_URL ? await openDatabase(databaseOptions(config, logger, { poolSize: 2 })) : null;
  const progress = progressReporter(process.stderr, path.basename(options.file));
  const filePath = options.file;
  try {
    const result = await uploadFile(
      {
        vod,
        db: database ?? null,
        defaultSubAppId: config.VOD_SUBAPP_ID,
        cosEndpoint: config.COS_ENDPOINT,
        stateDir: config.DATA_DIR,
        onProgress: progress.update,
      },
      {
        filePath,
        coverPath: options.cover,
        concurrency: options.concurrency,
        procedure: options.procedure,
        storageRegion: options.storageRegion,
        sourceContext: options.sourceContext,
        sessionContext: options.sessionContext,
        mediaName: options.mediaName,
      },
    );
    progress.done();
    if (result.resumed) console.error("resumed an earlier, interrupted upload of this file");
    console.log(`FileId: ${result.fileId}`);
    console.log(`MediaUrl: ${result.mediaUrl}`);
    if (!apiToken || !result.fileId) return exitCodes.ok;
    const final = await waitForFinalStatus({
      trackerUrl: config.TRACKER_URL ?? `http://127.0.0.1:${config.PORT}`,
      apiToken,
      ref: result.fileId,
      expectProcedure: Boolean(options.procedure),
      timeoutMs: options.waitTimeout * 1000,
      onChange: (status) => console.error(`status: ${status}`),
    }).catch((error: unknown) => {
      if (!isAppError(error)) throw error;
      // The upload is done and VOD has it: saying "upload failed" here would make the user upload a second copy.
      console.error(`uploaded (FileId ${result.fileId}), but following its status failed: ${error.message}`);
      return null;
    });
    if (!final) return exitCodes.statusUnknown;
    console.log(`Status: ${final.status}`);
    for (const line of describePlayback(final.upload)) console.log(line);
    return final.status === "FAILED" ? exitCodes.taskFlowFailed : exitCodes.ok;
  } finally {
    await database?.close();
  }
}

/** --from-url: checked here first (a bad value is a usage error, not a VOD error after a round trip). */
async function pullFromUrl(config: Config, options: UploadOptions & { fromUrl: string }): Promise<Outcome> {
  if (options.file) throw new UsageError("give a <file> or --from-url, not both");
  if (options.cover) throw new UsageError("--cover takes a local file: it cannot go with --from-url");
  const problem = mediaUrlProblem(options.fromUrl);
  if (problem) throw new UsageError(`--from-url ${problem}`);
  const limits = PULL_UPLOAD_LIMITS;
  if ((options.sourceContext ?? "").length > limits.sourceContextMaxLength)
    throw new UsageError(`--source-context must be at most ${limits.sourceContextMaxLength} characters`);
  if ((options.sessionContext ?? "").length > limits.sessionContextMaxLength)
    throw new UsageError(`--session-context must be at most ${limits.sessionContextMaxLength} characters`);
  const service = {
    trackerUrl: config.TRACKER_URL ?? `http://127.0.0.1:${config.PORT}`,
    apiToken: apiTokenFor(config),
  };
  const pull = await requestPullUpload(service, {
    mediaUrl: options.fromUrl,
    mediaName: options.mediaName,
    procedure: options.procedure,
    storageRegion: options.storageRegion,
    sourceContext: options.sourceContext,
    sessionContext: options.sessionContext,
  });
  console.log(`Upload: ${pull.id}`);
  console.log(`TaskId: ${pull.taskId}`);
  if (!options.wait) {
    console.log(`Status: ${pull.status}`);
    return exitCodes.ok;
  }
  const final = await waitForFinalStatus({
    ...service,
    ref: pull.id,
    expectProcedure: Boolean(options.procedure),
    timeoutMs: options.waitTimeout * 1000,
    onChange: (status) => console.error(`status: ${status}`),
  }).catch((error: unknown) => {
    if (!isAppError(error)) throw error;
    // VOD is pulling: starting again would make a second copy.
    console.error(`pull started (upload ${pull.id}), but following its status failed: ${error.message}`);
    return null;
  });
  if (!final) return exitCodes.statusUnknown;
  const fileId = typeof final.upload.fileId === "string" ? final.upload.fileId : null;
  if (fileId) console.log(`FileId: ${fileId}`);
  console.log(`Status: ${final.status}`);
  for (const line of describePlayback(final.upload)) console.log(line);
  // FAILED without a FileId: VOD could not pull the URL (PullComplete's ErrCode), so the upload itself failed.
  if (final.status === "FAILED") return fileId ? exitCodes.taskFlowFailed : exitCodes.failed;
  return exitCodes.ok;
}
