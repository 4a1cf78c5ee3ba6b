import { z } from "zod";
import { numericField } from "../fields/numeric-field.js";
import { textField } from "../fields/text-field.js";

const streamV3Schema = z.looseObject({
  Bitrate: numericField,
  Height: numericField,
  Width: numericField,
  Fps: numericField,
  SamplingRate: numericField,
  Codec: textField,
});

// MediaMetaData (vod-reference §1.5); carried by NewFileUpload and ProcedureStateChanged.
export const mediaMetaDataV3Schema = z.looseObject({
  Size: numericField,
  Container: textField,
  Bitrate: numericField,
  Height: numericField,
  Width: numericField,
  Duration: numericField,
  Rotate: numericField,
  VideoDuration: numericField,
  AudioDuration: numericField,
  Md5: textField,
  VideoStreamSet: z.array(streamV3Schema).nullish(),
  AudioStreamSet: z.array(streamV3Schema).nullish(),
});
