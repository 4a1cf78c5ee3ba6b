// One VOD output item → VodOutput. The item models are the SDK's (vod_models.ts; docs/vod-events.md §11.2), the
// same in a ProcedureStateChanged subtask's Output and in DescribeMediaInfos' MediaInfo sets, so one reader serves
// both. Values are read leniently (read-number.ts): whether an output can be stored is decided later, in one place
// (select-storable-outputs.ts). Image outputs take their first image as `url`, so every kind has one URL to check.
import { isPlainObject } from "../is-plain-object.js";
import { readNumber } from "../fields/read-number.js";
import { readText } from "../fields/read-text.js";
import type { OutputKind, VodOutput } from "../vod-output.js";

export type OutputModel =
  | "MediaTranscodeItem"
  | "AdaptiveDynamicStreamingInfoItem"
  | "CoverBySnapshotTaskOutput"
  | "MediaSnapshotByTimeOffsetItem"
  | "MediaSampleSnapshotItem"
  | "MediaImageSpriteItem"
  | "MediaAnimatedGraphicsItem";

export interface OutputSource {
  /** The subtask's Input.Definition: used when the item names none, or 0 (see pickDefinition). */
  inputDefinition: number | null;
  taskId: string | null;
  /** The subtask type as VOD names it (Transcode, ImageSprites, …). */
  subtask: string | null;
  finishedAt: Date | null;
}

export function toVodOutput(model: OutputModel, item: Record<string, unknown>, source: OutputSource): VodOutput {
  const output = emptyOutput(kindOf[model], pickDefinition(readNumber(item["Definition"]), source.inputDefinition));
  output.taskId = source.taskId;
  output.subtask = source.subtask;
  output.finishedAt = source.finishedAt;
  switch (model) {
    case "MediaTranscodeItem": {
      readMediaFile(output, item);
      output.duration = readNumber(item["Duration"]);
      // Set only when the transcode was asked to make a media of its own (MediaTranscodeItem.FileId).
      withText(output.details, "fileId", item["FileId"]);
      return output;
    }
    case "AdaptiveDynamicStreamingInfoItem": {
      output.url = readText(item["Url"]);
      output.size = readNumber(item["Size"]);
      output.drmType = readText(item["DrmType"]);
      // HLS in the SDK and real callbacks, "hls" in the adaptive-streaming guide's example (§11.1).
      const pack = readText(item["Package"]);
      if (pack !== null) output.details["package"] = pack.toUpperCase();
      return output;
    }
    case "CoverBySnapshotTaskOutput":
      output.url = readText(item["CoverUrl"]);
      return output;
    case "MediaSnapshotByTimeOffsetItem": {
      const pictures = Array.isArray(item["PicInfoSet"]) ? item["PicInfoSet"] : [];
      const picInfoSet: Array<{ timeOffset: number | null; url: string }> = [];
      for (const picture of pictures) {
        if (!isPlainObject(picture)) continue;
        const url = readText(picture["Url"]);
        const timeOffset = readNumber(picture["TimeOffset"]);
        // TimeOffset is in milliseconds, kept as sent.
        if (url !== null) picInfoSet.push({ timeOffset: Number.isFinite(timeOffset) ? timeOffset : null, url });
      }
      output.url = picInfoSet[0]?.url ?? null;
      output.details["picInfoSet"] = picInfoSet;
      return output;
    }
    case "MediaSampleSnapshotItem": {
      const imageUrlSet = textList(item["ImageUrlSet"]);
      output.url = imageUrlSet[0] ?? null;
      output.details["imageUrlSet"] = imageUrlSet;
      withText(output.details, "sampleType", item["SampleType"]);
      withNumber(output.details, "interval", item["Interval"]);
      return output;
    }
    case "MediaImageSpriteItem": {
      const imageUrlSet = textList(item["ImageUrlSet"]);
      output.url = imageUrlSet[0] ?? null;
      // Width and Height are those of one small image of the sprite.
      output.width = readNumber(item["Width"]);
      output.height = readNumber(item["Height"]);
      output.details["imageUrlSet"] = imageUrlSet;
      withText(output.details, "webVttUrl", item["WebVttUrl"]);
      withNumber(output.details, "totalCount", item["TotalCount"]);
      return output;
    }
    case "MediaAnimatedGraphicsItem": {
      readMediaFile(output, item);
      const start = readNumber(item["StartTimeOffset"]);
      const end = readNumber(item["EndTimeOffset"]);
      if (start !== null && end !== null && Number.isFinite(start) && Number.isFinite(end)) {
        output.duration = end >= start ? end - start : null;
        output.details["startTimeOffset"] = start;
        output.details["endTimeOffset"] = end;
      }
      return output;
    }
  }
}

const kindOf: Record<OutputModel, OutputKind> = {
  MediaTranscodeItem: "transcode",
  AdaptiveDynamicStreamingInfoItem: "adaptive",
  CoverBySnapshotTaskOutput: "cover",
  MediaSnapshotByTimeOffsetItem: "snapshot",
  MediaSampleSnapshotItem: "sampleSnapshot",
  MediaImageSpriteItem: "sprite",
  MediaAnimatedGraphicsItem: "animatedGraphic",
};

/**
 * The item's own Definition, unless it is absent or 0 and the subtask's input names one: the ProcedureStateChanged
 * page's example (fixture v3/procedure-finish-outputs) answers Input.Definition 20 with Output.Definition 0 for a
 * URL ending v.f20.mp4, and CoverBySnapshotTaskOutput has no Definition at all. 0 stays 0 (the original file) where
 * nothing else is known, as in DescribeMediaInfos' TranscodeSet.
 */
function pickDefinition(own: number | null, input: number | null): number {
  if ((own === null || own === 0) && input !== null && Number.isInteger(input) && input > 0) return input;
  return own ?? 0;
}

/** An output known only by its URL: a subtask type VOD added ("other"), TranscodeComplete's cover. */
export function urlOutput(kind: OutputKind, definition: number, url: string, source: OutputSource): VodOutput {
  const output = emptyOutput(kind, definition);
  output.url = url;
  output.taskId = source.taskId;
  output.subtask = source.subtask;
  output.finishedAt = source.finishedAt;
  return output;
}

function emptyOutput(kind: OutputKind, definition: number): VodOutput {
  return {
    kind,
    definition,
    url: null,
    container: null,
    width: null,
    height: null,
    bitrate: null,
    size: null,
    duration: null,
    md5: null,
    drmType: null,
    details: {},
    taskId: null,
    subtask: null,
    finishedAt: null,
  };
}

// Fields set one by one on the object emptyOutput made: every output has one shape, which the hot path's copies
// (select-storable-outputs.ts) and the statement's JSON.stringify go through fastest.
function readMediaFile(output: VodOutput, item: Record<string, unknown>): void {
  output.url = readText(item["Url"]);
  output.container = readText(item["Container"]);
  output.width = readNumber(item["Width"]);
  output.height = readNumber(item["Height"]);
  output.bitrate = readNumber(item["Bitrate"]);
  output.size = readNumber(item["Size"]);
  output.md5 = readText(item["Md5"]);
}

/** The strings of a list; other elements say nothing and are left out. */
export function textList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const texts: string[] = [];
  for (const element of value) if (typeof element === "string" && element !== "") texts.push(element);
  return texts;
}

function withText(details: Record<string, unknown>, key: string, value: unknown): void {
  const text = readText(value);
  if (text !== null) details[key] = text;
}

function withNumber(details: Record<string, unknown>, key: string, value: unknown): void {
  const number = readNumber(value);
  if (number !== null && Number.isFinite(number)) details[key] = number;
}
