import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// EventType TranscodeComplete in the current format: TranscodeCompleteEvent, SDK model TranscodeTask2017 (TaskId,
// ErrCode, Message, FileId, FileName, Duration, CoverUrl, PlayInfoSet[]). As in the 2017 format, only the file and
// the result code are checked.
// Compiled (z.compile): parse-event.ts says why.
export const transcodeCompleteV3Schema = z.compile(
  v3EnvelopeSchema.extend({
    TranscodeCompleteEvent: z.looseObject({
      FileId: fileIdField,
      ErrCode: numericField,
    }),
  }),
);

export type TranscodeCompleteV3 = z.output<typeof transcodeCompleteV3Schema>;
