// CommitUpload for a PENDING upload → FileId and URL recorded, status UPLOADED (or higher, when VOD's events got
// here first). A commit retried after it succeeded answers the upload without calling VOD again.
//
// CommitUpload itself is made once, never retried: VOD accepts a VodSessionKey once (vod-reference §6.4,
// inferred there), so a repeat after a lost answer fails although the upload succeeded. When the answer is lost
// (callVod's outcome "unknown") the upload is marked and stays PENDING until the file VOD created shows up
// (resolveUnknownCommit: its NewFileUpload); until then a commit answers 502 vod_outcome_unknown with details.outcome
// "unknown" — also when a repeat finds the session spent, which after a lost answer means "probably committed",
// not "rejected". Nothing here writes a second row.
import { AppError, isAppError } from "../errors.js";
import type { Db } from "../db/db.js";
import { attachFileId } from "../db/attach-file-id.js";
import { commitOutcomeUnknown } from "../db/commit-outcome-unknown.js";
import type { Upload } from "../db/rows.js";
import { markCommitOutcomeUnknown } from "../db/mark-commit-outcome-unknown.js";
import { callVod, type VodErrorDetails } from "./call-vod.js";
import type { VodClient } from "./client.js";
import { resolveUnknownCommit } from "./resolve-unknown-commit.js";

export async function commitUpload(deps: { db: Db; vod: VodClient }, upload: Upload): Promise<Upload> {
  if (upload.fileId) return upload;
  if (!upload.vodSessionKey) throw new AppError("conflict", `upload ${upload.id} was not started through this service`);
  const wasUnknown = commitOutcomeUnknown.of(upload);
  if (wasUnknown) {
    const resolved = await resolveUnknownCommit(deps.db, upload);
    if (resolved) return resolved;
  }
  let committed: Awaited<ReturnType<VodClient["CommitUpload"]>>;
  try {
    committed = await callVod(
      "CommitUpload",
      () =>
        deps.vod.CommitUpload({
          VodSessionKey: upload.vodSessionKey as string,
          ...(upload.subAppId !== null ? { SubAppId: Number(upload.subAppId) } : {}),
        }),
      { idempotent: false },
    );
  } catch (error) {
    const details = isAppError(error) ? (error.details as VodErrorDetails | undefined) : undefined;
    const lost = details?.outcome === "unknown";
    // An expired session is refused with the same code, so this is "probably", not proof: still unknown.
    const spent = wasUnknown && details?.vodCode === "InvalidParameterValue.VodSessionKey";
    if (!details || (!lost && !spent)) throw error;
    if (lost) await markCommitOutcomeUnknown(deps.db, upload.id);
    const resolved = await resolveUnknownCommit(deps.db, upload);
    if (resolved) return resolved;
    throw new AppError(
      "vod_outcome_unknown",
      `VOD CommitUpload outcome unknown (${details.vodCode ?? "no answer"}): VOD may have committed the upload; it ` +
        "stays PENDING until VOD reports the file (NewFileUpload), then gets its FileId",
      { ...details, outcome: "unknown" },
      { cause: error },
    );
  }
  if (!committed.FileId) throw new AppError("vod_error", "VOD CommitUpload answered without a FileId");
  return attachFileId(deps.db, upload.id, {
    fileId: committed.FileId,
    mediaUrl: committed.MediaUrl || null,
    coverUrl: committed.CoverUrl || null,
    at: new Date(),
  });
}
