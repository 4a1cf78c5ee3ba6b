import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { legacyEnvelopeSchema } from "./legacy-envelope-schema.js";

// eventType TranscodeComplete, 2017 format (docs/vod-events.md §11.5). Only what decides the result is checked —
// the file and its status (0 = success); the rest is read leniently (to-transcode-complete-event.ts).
// Compiled (z.compile): parse-event.ts says why.
export const transcodeCompleteLegacySchema = z.compile(
  legacyEnvelopeSchema.extend({
    data: z.looseObject({
      fileId: fileIdField,
      status: numericField,
    }),
  }),
);

export type TranscodeCompleteLegacy = z.output<typeof transcodeCompleteLegacySchema>;
