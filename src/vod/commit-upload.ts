// CommitUpload for a PENDING upload → FileId and URL recorded, status UPLOADED (or higher, when VOD's events got
// here first). Idempotent: a commit retried after it succeeded answers the upload without calling VOD again
// (a VodSessionKey can be committed only once).
import { AppError } from "../errors.js";
import type { Prisma } from "../db/create-prisma.js";
import { attachFileId } from "../db/attach-file-id.js";
import type { Upload } from "../db/generated/client.js";
import { callVod } from "./call-vod.js";
import type { VodClient } from "./client.js";

export async function commitUpload(deps: { prisma: Prisma; vod: VodClient }, upload: Upload): Promise<Upload> {
  if (upload.fileId) return upload;
  if (!upload.vodSessionKey) throw new AppError("conflict", `upload ${upload.id} was not started through this service`);
  const committed = await callVod("CommitUpload", () =>
    deps.vod.CommitUpload({
      VodSessionKey: upload.vodSessionKey as string,
      ...(upload.subAppId !== null ? { SubAppId: Number(upload.subAppId) } : {}),
    }),
  );
  if (!committed.FileId) throw new AppError("vod_error", "VOD CommitUpload answered without a FileId");
  return attachFileId(deps.prisma, upload.id, {
    fileId: committed.FileId,
    mediaUrl: committed.MediaUrl || null,
    coverUrl: committed.CoverUrl || null,
    at: new Date(),
  });
}
