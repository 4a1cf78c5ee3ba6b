// The Upload JSON the status API answers (DESIGN §6, issues 14 and 15): the upload's columns (upload-json.ts), then
// `derivedFrom`, `pull` (pull-json.ts), `review` (review-json.ts), `ready` {playable, complete, publishable} and
// `outputs` — what VOD made of the file, grouped for a player.
// GET /v1/uploads/:ref always has outputs; list items have them only with ?include=outputs (else the key is absent).
// The polled routes write the same JSON straight from PostgreSQL's text (upload-status-json-text.ts).
import { z } from "zod";
import { groupOutputs } from "./group-outputs.js";
import type { OutputRow } from "./output-row.js";
import { isPublishable } from "./publishable.js";
import { readiness } from "./readiness.js";
import { servesPlayback } from "./choose-playback.js";
import type { UploadRow } from "./upload-row.js";
import { pullJson, pullJsonSchema } from "./pull-json.js";
import { reviewJson, reviewJsonSchema } from "./review-json.js";
import { uploadJson, uploadJsonSchema } from "./upload-json.js";

const definition = z.number().int().describe("VOD's template id (Definition); 0 when the result names none");
const made = {
  taskId: z.string().nullable().describe("the task (flow) that made it"),
  finishedAt: z.iso.datetime().nullable().describe("when VOD finished it; null when VOD gave no time"),
};
const url = z.string().nullable();
const int = () => z.number().int().nullable();

const playbackJsonSchema = z
  .object({
    url: z.string(),
    kind: z.enum(["adaptive", "transcode", "source"]),
    format: z.string().nullable().describe("hls | dash | mp4 | … : pick the player by it (hls.js for hls)"),
    definition: z.number().int().nullable().describe("the stream's or transcode's template id; null for the source"),
  })
  .nullable()
  .describe(
    "the URL a player should use: the first adaptive HLS stream (lowest template id, one without DRM first), else " +
      "a DASH stream, else the best transcode (tallest, then highest bitrate), else the source file; null while " +
      "PENDING, once DELETED, or when nothing has a URL",
  );

export const uploadOutputsJsonSchema = z
  .object({
    playback: playbackJsonSchema,
    coverUrl: url.describe("the cover subtask's CoverUrl, else the upload's coverUrl"),
    renditions: z
      .array(
        z.object({
          definition,
          url,
          container: z.string().nullable(),
          width: int(),
          height: int(),
          bitrate: int().describe("bits per second"),
          size: int().describe("bytes"),
          duration: z.number().nullable().describe("seconds"),
          md5: z.string().nullable(),
          ...made,
        }),
      )
      .describe("transcodes (TranscodeTask), by template id"),
    adaptive: z
      .array(
        z.object({
          definition,
          package: z.string().nullable().describe("HLS | DASH"),
          drmType: z.string().nullable().describe("e.g. SimpleAES, FairPlay; null without DRM"),
          url,
          ...made,
        }),
      )
      .describe("adaptive bitrate streams (AdaptiveDynamicStreamingTask), by template id"),
    snapshots: z
      .array(
        z.object({
          kind: z.enum(["snapshot", "sampleSnapshot"]),
          definition,
          images: z.array(
            z.object({
              timeOffset: z.number().nullable().describe("milliseconds into the video; null for sample snapshots"),
              url: z.string(),
            }),
          ),
          ...made,
        }),
      )
      .describe("time-offset snapshots (SnapshotByTimeOffsetTask), then sample snapshots (SampleSnapshotTask)"),
    sprites: z
      .array(
        z.object({
          definition,
          imageUrls: z.array(z.string()).describe("the sprite images"),
          webVttUrl: url.describe("WebVTT mapping times to positions in the sprites, for seek previews"),
          ...made,
        }),
      )
      .describe("image sprites (ImageSpriteTask)"),
    animatedGraphics: z
      .array(
        z.object({
          definition,
          url,
          container: z.string().nullable(),
          width: int(),
          height: int(),
          size: int().describe("bytes"),
          duration: z.number().nullable().describe("seconds"),
          ...made,
        }),
      )
      .describe("animated graphics such as GIFs (AnimatedGraphicTask)"),
  })
  .describe("what VOD's task flows made of the file, grouped for a player");

const readyJsonSchema = z
  .object({
    playable: z.boolean().describe("a player has something to play: outputs.playback is not null"),
    complete: z
      .boolean()
      .describe(
        "nothing more is coming: the file is there, no task flow is running and every task heard of has finished " +
          "(with or without an error)",
      ),
    publishable: z
      .boolean()
      .describe(
        "playable, and the moderation allows it: review is null (no review was asked for) or review.status is " +
          "pass. Gate publishing on this: a pending, review or block verdict holds it back",
      ),
  })
  .describe("beside the status, never changing it");

const statusFields = {
  derivedFrom: z
    .array(z.string())
    .nullable()
    .describe("for the output of an edit or compose: the FileIds it was made from; null otherwise"),
  pull: pullJsonSchema,
  review: reviewJsonSchema,
  ready: readyJsonSchema,
};

export const uploadStatusJsonSchema = uploadJsonSchema.extend({ ...statusFields, outputs: uploadOutputsJsonSchema });
export const uploadListItemJsonSchema = uploadJsonSchema.extend({
  ...statusFields,
  outputs: uploadOutputsJsonSchema.optional().describe("only with ?include=outputs"),
});

export type UploadStatusJson = z.input<typeof uploadStatusJsonSchema>;
export type UploadOutputsJson = z.input<typeof uploadOutputsJsonSchema>;

export interface StatusExtras {
  outputs: readonly OutputRow[];
  taskStatuses: readonly string[];
}

/** Upload.derivedFrom (jsonb): an array of FileIds, written by the hot path; anything else answers null. */
export function derivedFromJson(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((fileId): fileId is string => typeof fileId === "string");
}

export function uploadStatusJson(upload: UploadRow, extras: StatusExtras): UploadStatusJson {
  const outputs: UploadOutputsJson = groupOutputs(upload, extras.outputs);
  const review = reviewJson(upload);
  const ready = readiness({
    ...upload,
    playableOutputs: extras.outputs.some(servesPlayback),
    taskStatuses: extras.taskStatuses,
  });
  return {
    ...uploadJson(upload),
    derivedFrom: derivedFromJson(upload.derivedFrom),
    pull: pullJson(upload),
    review,
    ready: { ...ready, publishable: isPublishable(ready.playable, review?.status ?? null) },
    outputs,
  };
}
