import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// A part without Type or a result without FileId is rejected rather than guessed: guessing could turn a partial
// delete into a whole one, and DELETED is final (DESIGN §3).
const deletePartV3Schema = z.looseObject({
  Type: z.string().min(1),
  Definition: numericField,
});

const fileDeleteResultV3Schema = z.looseObject({
  FileId: fileIdField,
  DeleteParts: z.array(deletePartV3Schema).nullish(),
});

// EventType FileDeleted (vod-reference §1.8, example §9.4).
// Compiled (z.compile): parse-event.ts says why.
export const fileDeletedV3Schema = z.compile(
  v3EnvelopeSchema.extend({
    FileDeleteEvent: z
      .looseObject({
        FileIdSet: z.array(fileIdField).nullish(),
        FileDeleteResultInfo: z.array(fileDeleteResultV3Schema).nullish(),
      })
      .refine((event) => (event.FileIdSet?.length ?? 0) + (event.FileDeleteResultInfo?.length ?? 0) > 0, {
        message: "FileDeleted names no FileId (FileIdSet and FileDeleteResultInfo are empty)",
        path: ["FileIdSet"],
      }),
  }),
);

export type FileDeletedV3 = z.output<typeof fileDeletedV3Schema>;
