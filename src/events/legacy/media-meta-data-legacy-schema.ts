import { z } from "zod";
import { numericField } from "../fields/numeric-field.js";
import { textField } from "../fields/text-field.js";

// data.metaData of the 2017 format (vod-reference §2.3); the stream lists pass through untyped.
export const mediaMetaDataLegacySchema = z.looseObject({
  size: numericField,
  container: textField,
  bitrate: numericField,
  height: numericField,
  width: numericField,
  duration: numericField,
  rotate: numericField,
  md5: textField,
});
