import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { textField } from "../fields/text-field.js";
import { timeField } from "../fields/time-field.js";
import { mediaMetaDataV3Schema } from "./media-meta-data-v3-schema.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// Only the members we read are declared; the rest of MediaBasicInfo (Description, ClassName, TagSet, …) passes
// through untyped into metadata, so a new or oddly typed VOD field never rejects an upload.
const sourceInfoV3Schema = z.looseObject({
  SourceType: textField,
  SourceContext: textField,
});

const mediaBasicInfoV3Schema = z.looseObject({
  Name: textField,
  CreateTime: timeField,
  ClassId: numericField,
  CoverUrl: textField,
  Type: textField,
  MediaUrl: textField,
  StorageRegion: textField,
  SourceInfo: sourceInfoV3Schema.nullish(),
});

// EventType NewFileUpload (vod-reference §1.2, example §9.1).
// Compiled (z.compile): parse-event.ts says why.
export const newFileUploadV3Schema = z.compile(
  v3EnvelopeSchema.extend({
    FileUploadEvent: z.looseObject({
      FileId: fileIdField,
      MediaBasicInfo: mediaBasicInfoV3Schema.nullish(),
      ProcedureTaskId: textField,
      ReviewAudioVideoTaskId: textField,
      MetaData: mediaMetaDataV3Schema.nullish(),
    }),
  }),
);

export type NewFileUploadV3 = z.output<typeof newFileUploadV3Schema>;
