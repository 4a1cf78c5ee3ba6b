// `vod-tracker upload`: see the usage text in src/cli.ts.
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, type Config } from "../config.js";
import { openDatabase } from "../db/open-database.js";
import type { Logger } from "../logger.js";
import { progressReporter } from "../vod/progress-reporter.js";
import { uploadFile } from "../vod/upload-file.js";
import { vodClientFromConfig } from "../vod/vod-client-from-config.js";
import { waitForFinalStatus } from "../vod/wait-for-final-status.js";
import { apiTokenFor } from "./api-token-for.js";
import type { Outcome } from "./command.js";

export async function uploadCommand(config: Config, logger: Logger, args: string[]): Promise<Outcome> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      procedure: { type: "string" }, "storage-region": { type: "string" }, "source-context": { type: "string" },
      "session-context": { type: "string" }, cover: { type: "string" }, "media-name": { type: "string" },
      concurrency: { type: "string", default: "4" }, wait: { type: "boolean" }, "wait-timeout": { type: "string", default: "600" },
    },
  });
  const [filePath] = positionals;
  if (!filePath) throw new ConfigError(["upload needs a file: vod-tracker upload <file>"]);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new ConfigError(["--concurrency must be 1..32"]);
  const vod = vodClientFromConfig(config);
  // The embedded database belongs to the running service (one process per DATA_DIR): record only on PostgreSQL.
  const database = config.DATABASE_URL
    ? await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, logger })
    : null;
  const progress = progressReporter(process.stderr, path.basename(filePath));
  try {
    const result = await uploadFile(
      {
        vod, prisma: database?.prisma ?? null, defaultSubAppId: config.VOD_SUBAPP_ID, cosEndpoint: config.COS_ENDPOINT,
        stateDir: config.DATA_DIR, onProgress: progress.update,
      },
      {
        filePath, coverPath: values.cover, concurrency, procedure: values.procedure, storageRegion: values["storage-region"],
        sourceContext: values["source-context"], sessionContext: values["session-context"], mediaName: values["media-name"],
      },
    );
    progress.done();
    if (result.resumed) console.error("resumed an earlier, interrupted upload of this file");
    console.log(`FileId: ${result.fileId}`);
    console.log(`MediaUrl: ${result.mediaUrl}`);
    if (!values.wait || !result.fileId) return 0;
    const final = await waitForFinalStatus({
      trackerUrl: config.TRACKER_URL ?? `http://127.0.0.1:${config.PORT}`,
      apiToken: apiTokenFor(config),
      ref: result.fileId,
      expectProcedure: Boolean(values.procedure),
      timeoutMs: Number(values["wait-timeout"]) * 1000,
      onChange: (status) => console.error(`status: ${status}`),
    });
    console.log(`Status: ${final.status}`);
    return final.status === "FAILED" ? 3 : 0;
  } finally {
    await database?.close();
  }
}
