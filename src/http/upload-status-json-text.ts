// The status JSON (upload-status-json.ts) written from the text PostgreSQL sent (db/status-text.ts): the upload's
// columns as upload-json-text.ts writes them, then derivedFrom, pull, review, ready and — when read — outputs. Byte
// for byte what res.json gives for uploadStatusJson of the same rows (test/api/upload-answer-text.test.ts). An upload
// without outputs or tasks costs two null checks beyond the upload itself. The long poll, commit, pull and admin
// routes answer with it; the polled GET and the list answer from the parts PostgreSQL writes (status-json-of-parts.ts),
// which test/db/upload-json-parts.test.ts holds to this one.
import { outputRowsOfText } from "../db/output-rows-of-text.js";
import { outputsAt, playableOutputsAt, taskStatusesAt, type StatusText } from "../db/status-text.js";
import { uploadTextColumns } from "../db/upload-text.js";
import { servesPlayback } from "../uploads/choose-playback.js";
import { groupOutputs } from "../uploads/group-outputs.js";
import { isPublishable } from "../uploads/publishable.js";
import { readiness } from "../uploads/readiness.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { pullJson } from "../uploads/pull-json.js";
import { reviewJson } from "../uploads/review-json.js";
import { uploadJsonText } from "./upload-json-text.js";
import { derivedFromJson } from "../uploads/upload-status-json.js";

const at = (name: (typeof uploadTextColumns)[number]) => uploadTextColumns.indexOf(name);
const statusAt = at("status");
const mediaUrlAt = at("mediaUrl");
const mediaTypeAt = at("mediaType");
const coverUrlAt = at("coverUrl");
const procedureAt = at("procedure");
const procedureTaskIdAt = at("procedureTaskId");
const derivedFromAt = at("derivedFrom");
const metadataAt = at("metadata");
const pullTaskIdAt = at("pullTaskId");
const pullErrCodeAt = at("pullErrCode");
const pullMessageAt = at("pullMessage");
const storedReviewAt = at("review");
const reviewStatusAt = at("reviewStatus");
const reviewTaskIdAt = at("reviewTaskId");

const noTasks: readonly string[] = [];

export function uploadStatusJsonText(text: StatusText, options: { outputs: boolean }): string {
  const upload = {
    status: text[statusAt] as UploadStatus,
    mediaUrl: text[mediaUrlAt] ?? null,
    mediaType: text[mediaTypeAt] ?? null,
    coverUrl: text[coverUrlAt] ?? null,
    procedure: text[procedureAt] ?? null,
    procedureTaskId: text[procedureTaskIdAt] ?? null,
  };
  const tasks = text[taskStatusesAt];
  const taskStatuses = tasks ? (JSON.parse(tasks) as string[]) : noTasks;
  const outputs = options.outputs ? outputRowsOfText(text[outputsAt]) : null;
  const ready = readiness({
    ...upload,
    playableOutputs: outputs ? outputs.some(servesPlayback) : text[playableOutputsAt] === "t",
    taskStatuses,
  });
  const json = uploadJsonText(text);
  const derivedFrom = text[derivedFromAt];
  const derivedFromText = derivedFrom ? JSON.stringify(derivedFromJson(JSON.parse(derivedFrom))) : "null";
  // Most uploads were neither pulled nor reviewed: two null checks each.
  const pullTaskId = text[pullTaskIdAt] ?? null;
  const pullErrCode = text[pullErrCodeAt] ?? null;
  const pull =
    pullTaskId === null && pullErrCode === null
      ? null
      : pullJson({
          pullTaskId,
          pullErrCode: pullErrCode === null ? null : Number.parseInt(pullErrCode, 10),
          pullMessage: text[pullMessageAt] ?? null,
          metadata: JSON.parse(text[metadataAt] ?? "null"),
        });
  const reviewText = text[storedReviewAt] ?? null;
  const reviewStatus = text[reviewStatusAt] ?? null;
  const review =
    reviewText === null && reviewStatus === null
      ? null
      : reviewJson({
          review: reviewText === null ? null : JSON.parse(reviewText),
          reviewStatus,
          reviewTaskId: text[reviewTaskIdAt] ?? null,
        });
  const publishable = isPublishable(ready.playable, review?.status ?? null);
  return (
    `${json.slice(0, -1)},"derivedFrom":${derivedFromText},"pull":${JSON.stringify(pull)},` +
    `"review":${JSON.stringify(review)},` +
    `"ready":{"playable":${ready.playable},"complete":${ready.complete},"publishable":${publishable}}` +
    `${outputs ? `,"outputs":${JSON.stringify(groupOutputs(upload, outputs))}` : ""}}`
  );
}
