import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { legacyEnvelopeSchema } from "./legacy-envelope-schema.js";

// eventType FileDeleted, 2017 format (vod-reference §2.4): the 2017 API only deleted whole media.
// Compiled (z.compile): parse-event.ts says why.
export const fileDeletedLegacySchema = z.compile(
  legacyEnvelopeSchema.extend({
    data: z.looseObject({
      fileInfo: z.array(z.looseObject({ fileId: fileIdField })).min(1),
    }),
  }),
);

export type FileDeletedLegacy = z.output<typeof fileDeletedLegacySchema>;
