// The status JSON of one upload (upload-status-json.ts) joined from the parts PostgreSQL wrote
// (db/upload-json-parts.ts): its texts as they stand with metadata and subAppId written between them as uploadJsonText
// writes them, then — for an upload with a review — review and ready, and — when read — outputs. Byte for byte what
// uploadStatusJsonText gives for the same row (test/db/upload-json-parts.test.ts). An upload neither reviewed nor
// asked for outputs costs a few concatenations: a page of the list route is 50 of these.
import { nodeFields, extraPart, readyPart, type UploadJsonParts } from "../db/upload-json-parts.js";
import { outputRowsOfText } from "../db/output-rows-of-text.js";
import { groupOutputs } from "../uploads/group-outputs.js";
import { isPublishable } from "../uploads/publishable.js";
import { reviewJson } from "../uploads/review-json.js";
import type { UploadStatus } from "../uploads/upload-state.js";
import { compactJsonbText } from "./compact-jsonb-text.js";

// As upload-json-text.ts writes these kinds of column.
const writeValue = {
  jsonb: (text: string) => compactJsonbText(text) ?? JSON.stringify(JSON.parse(text)),
  bigint: (text: string) => String(Number(text)),
};

const readyText = (playable: boolean, complete: boolean, publishable: boolean) =>
  `,"ready":{"playable":${playable},"complete":${complete},"publishable":${publishable}}`;

type Extra = [
  review: string | null,
  reviewStatus: string | null,
  reviewTaskId: string | null,
  outputs?: string | null,
  status?: UploadStatus,
  mediaUrl?: string | null,
  mediaType?: string | null,
  coverUrl?: string | null,
];

/** The answer of the upload whose parts start at `at`. */
export function statusJsonOfParts(parts: UploadJsonParts, at: number, options: { outputs: boolean }): string {
  let json = parts[at] as string;
  nodeFields.forEach(({ key, kind }, n) => {
    const value = parts[at + 2 * n + 1] as string;
    json += key + (value === "" ? "null" : writeValue[kind](value)) + (parts[at + 2 * n + 2] as string);
  });
  const ready = parts[at + readyPart] as string;
  const extraText = parts[at + extraPart] as string;
  const extra = extraText === "" ? null : (JSON.parse(extraText) as Extra);
  // Two letters: the upload has a review; else PostgreSQL wrote review and ready.
  if (ready.length !== 2) json += ready;
  else {
    const [storedReview, reviewStatus, reviewTaskId] = extra as Extra;
    const review = reviewJson({
      review: storedReview === null ? null : JSON.parse(storedReview),
      reviewStatus,
      reviewTaskId,
    });
    const playable = ready[0] === "t";
    json +=
      JSON.stringify(review) + readyText(playable, ready[1] === "t", isPublishable(playable, review?.status ?? null));
  }
  if (!options.outputs) return `${json}}`;
  const [, , , outputs, status, mediaUrl, mediaType, coverUrl] = extra as Extra;
  const upload = {
    status: status as UploadStatus,
    mediaUrl: mediaUrl ?? null,
    mediaType: mediaType ?? null,
    coverUrl: coverUrl ?? null,
  };
  return `${json},"outputs":${JSON.stringify(groupOutputs(upload, outputRowsOfText(outputs)))}}`;
}
