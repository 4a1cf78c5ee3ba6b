// `vod-tracker upload`: the whole server-side upload of one file (vod-reference.md §6): ApplyUpload → bytes to
// COS (multipart above 5 MiB, parts in parallel, resumable) → CommitUpload. Records the PENDING/UPLOADED upload
// when a database is given. A run killed half-way resumes the same VOD session and COS multipart upload.
import fs from "node:fs";
import path from "node:path";
import type COS from "cos-nodejs-sdk-v5";
import { AppError } from "../errors.js";
import type { Db } from "../db/db.js";
import { findUpload } from "../db/find-upload.js";
import { callVod } from "./call-vod.js";
import type { VodClient } from "./client.js";
import { commitUpload } from "./commit-upload.js";
import { createCosClient } from "./cos-client.js";
import type { Progress } from "./progress-reporter.js";
import { startUpload, type StartUpload } from "./start-upload.js";
import { readResumeState, removeResumeState, resumeStateFile, writeResumeState } from "./upload-resume-state.js";

export const MULTIPART_THRESHOLD_BYTES = 5 * 1024 * 1024;
export const PART_SIZE_BYTES = 5 * 1024 * 1024;

export interface UploadFileOptions extends Omit<StartUpload, "mediaType" | "coverType"> {
  filePath: string;
  coverPath?: string;
  concurrency: number;
}

export interface UploadFileDeps {
  vod: VodClient;
  db: Db | null;
  defaultSubAppId?: number;
  cosEndpoint?: string;
  stateDir: string;
  onProgress?: (progress: Progress) => void;
}

export async function uploadFile(deps: UploadFileDeps, options: UploadFileOptions) {
  const stat = statFile(options.filePath, "file");
  const coverStat = options.coverPath ? statFile(options.coverPath, "cover") : null;
  const request: StartUpload = {
    mediaType: extensionOf(options.filePath),
    ...(options.coverPath ? { coverType: extensionOf(options.coverPath) } : {}),
    mediaName: options.mediaName ?? path.basename(options.filePath, path.extname(options.filePath)),
    procedure: options.procedure,
    storageRegion: options.storageRegion,
    sourceContext: options.sourceContext,
    sessionContext: options.sessionContext,
    classId: options.classId,
    subAppId: options.subAppId,
  };
  const stateFile = resumeStateFile(deps.stateDir, options.filePath, stat, request);
  let state = readResumeState(stateFile);
  const resumed = state !== null;
  if (!state) {
    const started = await startUpload({ db: deps.db, vod: deps.vod, defaultSubAppId: deps.defaultSubAppId }, request);
    state = { target: started.target, uploadId: started.upload?.id ?? null };
    writeResumeState(stateFile, state);
  }
  const { target } = state;
  if (!target.credentials) throw new AppError("vod_error", "ApplyUpload returned no temporary credentials for COS");
  const cos = createCosClient(target.credentials, { endpoint: deps.cosEndpoint, concurrency: options.concurrency });
  const object = { Bucket: target.bucket, Region: target.region };
  await putFile(cos, { ...object, Key: target.mediaKey }, options.filePath, stat.size, deps.onProgress);
  if (options.coverPath && coverStat && target.coverKey) {
    await putFile(cos, { ...object, Key: target.coverKey }, options.coverPath, coverStat.size);
  }

  const upload = deps.db && state.uploadId ? await findUpload(deps.db, state.uploadId) : null;
  const committed =
    upload && deps.db
      ? await commitUpload({ db: deps.db, vod: deps.vod }, upload)
      : await callVod(
          "CommitUpload",
          () =>
            deps.vod.CommitUpload({
              VodSessionKey: target.vodSessionKey,
              SubAppId: options.subAppId ?? deps.defaultSubAppId,
            }),
          { idempotent: false },
        ).then((answer) => ({
          id: null,
          fileId: answer.FileId ?? null,
          mediaUrl: answer.MediaUrl ?? null,
          coverUrl: answer.CoverUrl || null,
        }));
  removeResumeState(stateFile);
  return {
    resumed,
    uploadId: committed.id,
    fileId: committed.fileId,
    mediaUrl: committed.mediaUrl,
    coverUrl: committed.coverUrl,
    size: stat.size,
  };
}

async function putFile(
  cos: COS,
  object: { Bucket: string; Region: string; Key: string },
  filePath: string,
  size: number,
  onProgress?: (progress: Progress) => void,
) {
  const progress = (info: { loaded: number; total: number; speed: number }) =>
    onProgress?.({ loaded: info.loaded, total: info.total || size, speed: info.speed });
  try {
    if (size > MULTIPART_THRESHOLD_BYTES) {
      await cos.sliceUploadFile({ ...object, FilePath: filePath, ChunkSize: PART_SIZE_BYTES, onProgress: progress });
    } else {
      await cos.putObject({
        ...object,
        Body: fs.createReadStream(filePath),
        ContentLength: size,
        onProgress: progress,
      });
    }
  } catch (error) {
    const cosError = error as {
      code?: string;
      message?: string;
      statusCode?: number;
      error?: { Code?: string; Message?: string };
    };
    const code = cosError.error?.Code ?? cosError.code ?? "COSError";
    throw new AppError(
      "vod_error",
      `upload to COS failed: ${code}: ${cosError.error?.Message ?? cosError.message ?? ""}`.trim(),
      { cosCode: code, statusCode: cosError.statusCode ?? null },
      { cause: error },
    );
  }
}

function statFile(filePath: string, what: string): fs.Stats {
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile()) throw new AppError("invalid_request", `${what} ${filePath} is not a regular file`);
    return stat;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      "invalid_request",
      `${what} ${filePath} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

function extensionOf(filePath: string): string {
  const extension = path.extname(filePath).slice(1).toLowerCase();
  if (!/^[a-z0-9]{1,16}$/.test(extension))
    throw new AppError("invalid_request", `${filePath} has no file extension to tell VOD its media type`);
  return extension;
}
