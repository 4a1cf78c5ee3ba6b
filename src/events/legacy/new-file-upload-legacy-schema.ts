import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { textField } from "../fields/text-field.js";
import { legacyEnvelopeSchema } from "./legacy-envelope-schema.js";
import { mediaMetaDataLegacySchema } from "./media-meta-data-legacy-schema.js";

// eventType NewFileUpload, 2017 format (vod-reference §2.2, example §9.5).
// Compiled (z.compile): parse-event.ts says why.
export const newFileUploadLegacySchema = z.compile(
  legacyEnvelopeSchema.extend({
    data: z.looseObject({
      fileId: fileIdField,
      fileName: textField,
      coverUrl: textField,
      fileUrl: textField,
      sourceType: textField,
      sourceContext: textField,
      procedureTaskId: textField,
      metaData: mediaMetaDataLegacySchema.nullish(),
    }),
  }),
);

export type NewFileUploadLegacy = z.output<typeof newFileUploadLegacySchema>;
