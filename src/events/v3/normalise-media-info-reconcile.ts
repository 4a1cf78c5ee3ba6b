// ReconcileMediaInfo: our own event type, written by reconcile in VOD's v3 style (src/vod/media-info-repair.ts) when
// DescribeMediaInfos names outputs of a file that we do not hold. Its body carries the MediaInfoSet item exactly as
// VOD answered it: {"EventType": "ReconcileMediaInfo", "Reconcile": {…}, "ReconcileMediaInfoEvent": {"FileId",
// "MediaInfo"}}. The items of MediaInfo are the SDK's output models (vod_models MediaTranscodeItem,
// AdaptiveDynamicStreamingInfoItem, MediaSnapshotByTimeOffsetItem, MediaSampleSnapshotItem, MediaImageSpriteItem,
// MediaAnimatedGraphicsItem; docs/vod-events.md §11.2 and §11.6).
//
// Why kind "upload": the event must fill outputs and nothing else of an upload we hold. An upload event targets
// UPLOADED, and ranks only rise (DESIGN §3), so UPLOADED, PROCESSING, PROCESSED, FAILED and DELETED all stay; its
// task-flow fields are null, which the rule reads as "keep" (procedureTaskId is coalesced, procedureStatus is
// written only by procedure events). Its media fields are only what MediaInfo.BasicInfo gives, VOD's current truth
// (a cover a task flow set becomes BasicInfo.CoverUrl, SDK CoverBySnapshotTaskOutput), and its metadata is empty,
// so Upload.metadata is untouched. For a FileId we hold nothing about, it creates the row as UPLOADED, as any event
// does (DESIGN §3): VOD answering DescribeMediaInfos for the file proves it was uploaded. A "procedure" event would
// move the task-flow status; an "other" event writes no outputs.
//
// Items are read by the reader the task-flow events use (outputs/to-vod-output.ts); whether one can be stored is
// decided where every event's outputs are (toUploadPatch), and the raw event keeps whatever is skipped. Definition 0
// in TranscodeSet is the original file (MediaTranscodeItem: "取值 0 表示原始文件"), the upload's own mediaUrl, not a
// rendition: left out. Outputs carry no task id or finish time (MediaInfo names neither): among outputs of the
// same (file, kind, definition), this one counts by its arrival.
import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { timeField } from "../fields/time-field.js";
import { isPlainObject } from "../is-plain-object.js";
import { parseEvent, type Parsed } from "../parse-event.js";
import { toMediaFields } from "../to-media-fields.js";
import type { VodEvent } from "../vod-event.js";
import type { VodOutput } from "../vod-output.js";
import { readNumber } from "../fields/read-number.js";
import { readText } from "../fields/read-text.js";
import { toVodOutput, type OutputModel } from "../outputs/to-vod-output.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// Compiled (z.compile): parse-event.ts says why.
export const mediaInfoReconcileSchema = z.compile(
  v3EnvelopeSchema.extend({
    ReconcileMediaInfoEvent: z.looseObject({
      FileId: fileIdField,
      // Only what is read as a column is checked; the output lists are read leniently (readOutputs), so a strange
      // item costs that item, never the event.
      MediaInfo: z.looseObject({ BasicInfo: z.looseObject({ CreateTime: timeField }).nullish() }),
    }),
  }),
);

// [info member, its list, the SDK model of its items]: every output DescribeMediaInfos answers that a player or an app
// uses. KeyFrameDescInfo, SubtitleInfo and the review infos are not outputs of a task flow's media.
const LISTS: Array<[string, string, OutputModel]> = [
  ["TranscodeInfo", "TranscodeSet", "MediaTranscodeItem"],
  ["AdaptiveDynamicStreamingInfo", "AdaptiveDynamicStreamingSet", "AdaptiveDynamicStreamingInfoItem"],
  ["SnapshotByTimeOffsetInfo", "SnapshotByTimeOffsetSet", "MediaSnapshotByTimeOffsetItem"],
  ["SampleSnapshotInfo", "SampleSnapshotSet", "MediaSampleSnapshotItem"],
  ["ImageSpriteInfo", "ImageSpriteSet", "MediaImageSpriteItem"],
  ["AnimatedGraphicsInfo", "AnimatedGraphicsSet", "MediaAnimatedGraphicsItem"],
];

/** MediaInfo says nothing of the task that made an output, nor when. */
const NO_SOURCE = { inputDefinition: null, taskId: null, subtask: null, finishedAt: null };

export function normaliseMediaInfoReconcile(body: Record<string, unknown>): Parsed<VodEvent> {
  return parseEvent(mediaInfoReconcileSchema, body, (parsed): VodEvent => {
    const { FileId: fileId, MediaInfo: media } = parsed.ReconcileMediaInfoEvent;
    const basic: Record<string, unknown> = media.BasicInfo ?? {};
    const source = isPlainObject(basic.SourceInfo) ? basic.SourceInfo : {};
    return {
      kind: "upload",
      eventType: parsed.EventType,
      format: "v3",
      fileId,
      procedureTaskId: null,
      occurredAt: media.BasicInfo?.CreateTime ?? null,
      ...toMediaFields({
        mediaUrl: readText(basic.MediaUrl),
        coverUrl: readText(basic.CoverUrl),
        name: readText(basic.Name),
        mediaType: readText(basic.Type),
        sourceType: readText(source.SourceType),
        sourceContext: readText(source.SourceContext),
        storageRegion: readText(basic.StorageRegion),
      }),
      outputs: readOutputs(media),
    };
  });
}

function readOutputs(media: Record<string, unknown>): VodOutput[] {
  const outputs: VodOutput[] = [];
  for (const [member, list, model] of LISTS) {
    const info = media[member];
    const items = isPlainObject(info) && Array.isArray(info[list]) ? info[list] : [];
    for (const item of items) {
      if (!isPlainObject(item)) continue;
      // TranscodeSet's Definition 0 is the original file (MediaTranscodeItem), the upload's mediaUrl: no rendition.
      if (model === "MediaTranscodeItem" && readNumber(item.Definition) === 0) continue;
      outputs.push(toVodOutput(model, item, NO_SOURCE));
    }
  }
  return outputs;
}
