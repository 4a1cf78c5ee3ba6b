// The outputs of a v3 ProcedureStateChanged's MediaProcessResultSet (docs/vod-events.md §11.1): each successful
// subtask's Output, read by the member that holds it — not by Type, which differs ("ImageSprites" holds an
// ImageSpriteTask) and which VOD extends. A member we do not know whose Output has a Url gives an "other" output.
import { readNumber } from "../fields/read-number.js";
import { readText } from "../fields/read-text.js";
import { givesOutput } from "../outputs/gives-output.js";
import { toVodOutput, urlOutput, type OutputModel } from "../outputs/to-vod-output.js";
import { isPlainObject } from "../is-plain-object.js";
import type { VodOutput } from "../vod-output.js";

const MODEL_OF_MEMBER: Record<string, OutputModel> = {
  TranscodeTask: "MediaTranscodeItem",
  AdaptiveDynamicStreamingTask: "AdaptiveDynamicStreamingInfoItem",
  CoverBySnapshotTask: "CoverBySnapshotTaskOutput",
  SnapshotByTimeOffsetTask: "MediaSnapshotByTimeOffsetItem",
  SampleSnapshotTask: "MediaSampleSnapshotItem",
  ImageSpriteTask: "MediaImageSpriteItem",
  AnimatedGraphicTask: "MediaAnimatedGraphicsItem",
};

export interface V3Subtask {
  Type: string;
  Member: string;
  Status: string | null;
  ErrCode: number | null;
  ErrCodeExt: string | null;
  FinishTime: Date | null;
  [member: string]: unknown;
}

export function readMediaProcessOutputs(subtasks: readonly V3Subtask[], taskId: string | null): VodOutput[] {
  const outputs: VodOutput[] = [];
  for (const subtask of subtasks) {
    const item = subtask["Output"];
    if (!isPlainObject(item)) continue;
    if (!givesOutput({ status: subtask.Status, errCode: subtask.ErrCode, errCodeExt: subtask.ErrCodeExt })) continue;
    const input = subtask["Input"];
    const source = {
      inputDefinition: isPlainObject(input) ? readNumber(input["Definition"]) : null,
      taskId,
      subtask: subtask.Type,
      finishedAt: subtask.FinishTime,
    };
    const model = Object.hasOwn(MODEL_OF_MEMBER, subtask.Member) ? MODEL_OF_MEMBER[subtask.Member] : undefined;
    if (model !== undefined) outputs.push(toVodOutput(model, item, source));
    else {
      const url = readText(item["Url"]);
      if (url !== null)
        outputs.push(urlOutput("other", readNumber(item["Definition"]) ?? source.inputDefinition ?? 0, url, source));
    }
  }
  return outputs;
}
