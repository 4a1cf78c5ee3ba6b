// The outputs of a 2017-format ProcedureStateChanged's processTaskList (docs/vod-events.md §11.5): each successful
// subtask's `output`, restated in the current format's item model so that one reader (to-vod-output.ts) maps
// both. The 2017 items carry no Definition of their own: it is the subtask's input.definition. There is no
// adaptive streaming in this format (HLS comes as a transcode, template 220).
import { readNumber } from "../fields/read-number.js";
import { readText } from "../fields/read-text.js";
import { isPlainObject } from "../is-plain-object.js";
import { givesOutput } from "../outputs/gives-output.js";
import { toVodOutput, urlOutput, type OutputModel } from "../outputs/to-vod-output.js";
import type { VodOutput } from "../vod-output.js";

export interface LegacySubtask {
  taskType: string | null;
  status: string | null;
  errCode: number | null;
  errCodeExt: string | null;
  finishTime: Date | null;
  [member: string]: unknown;
}

type Restated = [OutputModel, Record<string, unknown>];

const RESTATE: Record<string, (output: Record<string, unknown>) => Restated> = {
  Transcode: (output) => [
    "MediaTranscodeItem",
    {
      Url: output["url"],
      Size: output["size"],
      Container: output["container"],
      Bitrate: output["bitrate"],
      Height: output["height"],
      Width: output["width"],
      Md5: output["md5"],
      Duration: output["duration"],
    },
  ],
  SampleSnapshot: (output) => ["MediaSampleSnapshotItem", { ImageUrlSet: output["imageUrls"] }],
  // A string in the page's example, an Array in its table.
  CoverBySnapshot: (output) => [
    "CoverBySnapshotTaskOutput",
    { CoverUrl: Array.isArray(output["imageUrl"]) ? output["imageUrl"][0] : output["imageUrl"] },
  ],
  SnapshotByTimeOffset: (output) => [
    "MediaSnapshotByTimeOffsetItem",
    {
      PicInfoSet: (Array.isArray(output["imgInfo"]) ? output["imgInfo"] : [])
        .filter(isPlainObject)
        .map((image) => ({ TimeOffset: image["timeOffset"], Url: image["url"] })),
    },
  ],
  // Only in a commented-out part of the page: output.totalCount and output.imageUrls.
  ImageSprite: (output) => [
    "MediaImageSpriteItem",
    { ImageUrlSet: output["imageUrls"], TotalCount: output["totalCount"], WebVttUrl: output["webVttUrl"] },
  ],
};

export function readProcessTaskOutputs(subtasks: readonly LegacySubtask[], taskId: string | null): VodOutput[] {
  const outputs: VodOutput[] = [];
  for (const subtask of subtasks) {
    const output = subtask["output"];
    if (!isPlainObject(output) || subtask.taskType === null) continue;
    if (!givesOutput({ status: subtask.status, errCode: subtask.errCode, errCodeExt: subtask.errCodeExt })) continue;
    const input = subtask["input"];
    const source = {
      inputDefinition: isPlainObject(input) ? readNumber(input["definition"]) : null,
      taskId,
      subtask: subtask.taskType,
      finishedAt: subtask.finishTime,
    };
    const restate = Object.hasOwn(RESTATE, subtask.taskType) ? RESTATE[subtask.taskType] : undefined;
    if (restate !== undefined) {
      const [model, item] = restate(output);
      outputs.push(toVodOutput(model, item, source));
    } else if (subtask.taskType !== "PullFile") {
      // PullFile's output is the pulled file itself (fileId, url), not something made from this one.
      const url = readText(output["url"]);
      if (url !== null) outputs.push(urlOutput("other", source.inputDefinition ?? 0, url, source));
    }
  }
  return outputs;
}
