// The processing results of MediaInfo (SDK vod_models: MediaTranscodeInfo, MediaAdaptiveDynamicStreamingInfo,
// MediaSnapshotByTimeOffsetInfo, MediaSampleSnapshotInfo, MediaImageSpriteInfo, MediaAnimatedGraphicsInfo), each
// under the DescribeMediaInfos filter that names it. They exist once the file's task flow succeeded, hold the very
// items its ProcedureStateChanged carried (procedure-outputs.ts), and lose what DeleteMedia's DeleteParts removed
// (TranscodeFiles / AdaptiveDynamicStreamingFiles; Definition 0 = every definition). An info with nothing in it is
// null, as the SDK documents every MediaInfo member "may return null".
import type { EmulatorState, MediaRecord } from "../../emulator-state.js";
import { procedureOutputs } from "../../events/procedure-outputs.js";

type Info = Record<string, unknown> | null;

export interface MediaProcessInfos {
  TranscodeInfo: Info;
  AdaptiveDynamicStreamingInfo: Info;
  SnapshotByTimeOffsetInfo: Info;
  SampleSnapshotInfo: Info;
  ImageSpriteInfo: Info;
  AnimatedGraphicsInfo: Info;
}

export function mediaProcessInfos(
  state: EmulatorState,
  media: MediaRecord,
  wanted: (filter: string) => boolean,
): MediaProcessInfos {
  const task = state.tasks.get(media.procedureTaskId);
  const outputs = task?.finished && task.outcome === "success" ? procedureOutputs(media) : null;
  const kept = (partType: string, items: Array<Record<string, unknown>>) =>
    items.filter(
      (item) =>
        !media.deletedParts.some(
          (part) => part.Type === partType && (part.Definition === 0 || part.Definition === item.Definition),
        ),
    );
  const info = (filter: string, member: string, items: Array<Record<string, unknown>> | null): Info =>
    wanted(filter) && items?.length ? { [member]: items } : null;
  return {
    TranscodeInfo: info("transcodeInfo", "TranscodeSet", outputs && kept("TranscodeFiles", outputs.transcodes)),
    AdaptiveDynamicStreamingInfo: info(
      "adaptiveDynamicStreamingInfo",
      "AdaptiveDynamicStreamingSet",
      outputs && kept("AdaptiveDynamicStreamingFiles", outputs.adaptive),
    ),
    SnapshotByTimeOffsetInfo: info(
      "snapshotByTimeOffsetInfo",
      "SnapshotByTimeOffsetSet",
      outputs && [outputs.snapshotByTimeOffset],
    ),
    SampleSnapshotInfo: info("sampleSnapshotInfo", "SampleSnapshotSet", outputs && [outputs.sampleSnapshot]),
    ImageSpriteInfo: info("imageSpriteInfo", "ImageSpriteSet", outputs && [outputs.imageSprite]),
    AnimatedGraphicsInfo: null,
  };
}
