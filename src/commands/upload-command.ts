// `vod-tracker upload`: see `vod-tracker upload --help` (src/commands/create-program.ts).
import path from "node:path";
import type { Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import { databaseOptions } from "../db/database-options.js";
import { isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { progressReporter } from "../vod/progress-reporter.js";
import { uploadFile } from "../vod/upload-file.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import { waitForFinalStatus } from "../vod/wait-for-final-status.js";
import { apiTokenFor } from "./api-token-for.js";
import type { Outcome } from "./command.js";
import { exitCodes } from "./exit-codes.js";

export interface UploadOptions {
  file: string;
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
  // Before the upload: a missing token found after it would leave an upload nobody follows.
  const apiToken = options.wait ? apiTokenFor(config) : null;
  const vod = vodClientFromConfig(config);
  // The embedded database belongs to the running service (one process per DATA_DIR): record only on PostgreSQL.
  const database = config.DATABASE_URL ? await openDatabase(databaseOptions(config, logger, { poolSize: 2 })) : null;
  const progress = progressReporter(process.stderr, path.basename(options.file));
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
        filePath: options.file,
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
    return final.status === "FAILED" ? exitCodes.taskFlowFailed : exitCodes.ok;
  } finally {
    await database?.close();
  }
}
