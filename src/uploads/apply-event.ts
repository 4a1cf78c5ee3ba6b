// The status rule (DESIGN §3), as a pure function. The same rule runs in SQL on the hot path
// (src/db/record-events-sql.ts); test/db/status-rule-sql.test.ts proves both agree on one table of cases, and
// test/db/status-rule-sql-properties.test.ts on generated sequences sent through ingestEvent.
//
// - Ranks only rise; PROCESSED and FAILED share a rank and the later task result wins between them, by its finish
//   time where the event has one, else by arrival.
// - Task-flow fields follow the task-flow's own order: a PROCESSING that arrives after FINISH changes nothing.
// - NewFileUpload fills fields (its values win); a ProcedureStateChanged only fills what is still missing.
// - Any event about an unknown FileId creates its row, so early or lone events are never dropped.
// - Beside the status (issue 15), never changing it: the review the upload keeps — the incoming one wins by
//   laterReview's rule (review-wins.ts) — and a pull's task and error (the TaskId once known stays; an error replaces).
// - A file an event only names (a linkOnly file, every file of a "link" patch: an edit's inputs, …) is linked to the
//   event and nothing else: its upload stays as it is, and none is created.
import type { VodEvent } from "../events/vod-event.js";
import { reviewWins, storedReview } from "./review-wins.js";
import { procedureRank, statusRank } from "./status-rank.js";
import { eventColumns, uploadColumns } from "./upload-columns.js";
import { toUploadPatch, type PatchFile, type UploadPatch } from "./upload-patch.js";
import type { UploadState, UploadStatus } from "./upload-state.js";

export function applyEvent(
  upload: UploadState | null,
  event: VodEvent,
  at: { fileId: string; receivedAt: Date },
): UploadState {
  const patch = toUploadPatch(event);
  const file = patch?.files.find((candidate) => candidate.fileId === at.fileId);
  if (!patch || !file) throw new Error(`event ${event.eventType} does not concern FileId ${at.fileId}`);
  return applyPatch(upload, patch, file, at.receivedAt);
}

export function applyPatch(
  upload: UploadState | null,
  patch: UploadPatch,
  file: PatchFile,
  receivedAt: Date,
): UploadState {
  // The statement writes no row for a link; a caller holding none gets the empty state the rule starts from.
  if (patch.kind === "link" || file.linkOnly) return upload ?? { ...emptyUpload(receivedAt), fileId: file.fileId };
  const old = upload ?? emptyUpload(receivedAt);
  const eventTime = patch.finishedAt ?? receivedAt;
  const wins = procedureWins(old, patch, eventTime);
  const finishWins = wins && patch.procedureStatus === "FINISH";
  const media = mergeMedia(old, patch);
  const review = patch.review ?? null;
  const reviewed = reviewWins(old.review, review);
  const metadata =
    patch.kind === "upload"
      ? { ...old.metadata, ...patch.metadata }
      : patch.kind === "procedure"
        ? {
            ...patch.metadata,
            ...old.metadata,
            ...(wins && patch.procedureResults ? { procedureResults: patch.procedureResults } : {}),
          }
        : file.deletedParts
          ? { ...old.metadata, deletedParts: file.deletedParts }
          : old.metadata;
  return {
    ...old,
    ...media,
    fileId: file.fileId,
    status: upload === null && file.target === null ? "UPLOADED" : nextStatus(old.status, file.target, wins),
    metadata,
    procedureTaskId:
      patch.kind === "delete"
        ? old.procedureTaskId
        : patch.kind === "upload" || wins
          ? (patch.procedureTaskId ?? old.procedureTaskId)
          : (old.procedureTaskId ?? patch.procedureTaskId),
    procedureStatus: wins ? patch.procedureStatus : old.procedureStatus,
    procedureErrCode: wins ? patch.procedureErrCode : old.procedureErrCode,
    procedureMessage: wins ? patch.procedureMessage : old.procedureMessage,
    procedureAt: finishWins ? eventTime : old.procedureAt,
    processedAt: finishWins ? eventTime : old.processedAt,
    uploadedAt: patch.kind === "upload" ? (old.uploadedAt ?? patch.occurredAt ?? receivedAt) : old.uploadedAt,
    deletedAt: file.target === "DELETED" ? (old.deletedAt ?? receivedAt) : old.deletedAt,
    updatedAt: receivedAt,
    pullTaskId: old.pullTaskId ?? patch.pull?.taskId ?? null,
    pullErrCode: patch.pull?.errCode ?? old.pullErrCode,
    pullMessage: patch.pull?.message ?? old.pullMessage,
    ...(reviewed
      ? {
          review: storedReview(review),
          reviewStatus: review.status,
          reviewTaskId: review.taskId,
          reviewAt: review.finishedAt ?? receivedAt,
        }
      : {}),
  };
}

function nextStatus(current: UploadStatus, target: UploadStatus | null, procedureWon: boolean): UploadStatus {
  if (target === null) return current;
  if (statusRank[target] > statusRank[current]) return target;
  if (statusRank[target] === statusRank.PROCESSED && statusRank[current] === statusRank.PROCESSED && procedureWon)
    return target;
  return current;
}

/** Does this task-flow event replace the task-flow fields we hold? */
function procedureWins(old: UploadState, patch: UploadPatch, eventTime: Date): boolean {
  if (patch.kind !== "procedure") return false;
  const incoming = procedureRank(patch.procedureStatus);
  const held = procedureRank(old.procedureStatus);
  if (incoming !== held) return incoming > held;
  return patch.procedureStatus !== "FINISH" || old.procedureAt === null || eventTime >= old.procedureAt;
}

function mergeMedia(old: UploadState, patch: UploadPatch): Pick<UploadState, keyof UploadPatch["media"]> {
  const keys = Object.keys(patch.media) as Array<keyof UploadPatch["media"]>;
  return Object.fromEntries(
    keys.map((key) => [
      key,
      patch.kind === "upload"
        ? (patch.media[key] ?? old[key])
        : patch.kind === "procedure"
          ? (old[key] ?? patch.media[key])
          : old[key],
    ]),
  ) as Pick<UploadState, keyof UploadPatch["media"]>;
}

function emptyUpload(receivedAt: Date): UploadState {
  const nothing = Object.fromEntries(
    eventColumns.map((name) => [
      name,
      uploadColumns[name].kind === "jsonb" && !uploadColumns[name].nullable ? {} : null,
    ]),
  );
  return { ...nothing, status: "PENDING", updatedAt: receivedAt } as UploadState;
}
