import { z } from "zod";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { textField } from "../fields/text-field.js";
import { timeField } from "../fields/time-field.js";
import { legacyEnvelopeSchema } from "./legacy-envelope-schema.js";
import { mediaMetaDataLegacySchema } from "./media-meta-data-legacy-schema.js";

// The 2017 docs show no errCodeExt or finishTime on a subtask; both are read in case VOD sends them.
const processTaskLegacySchema = z.looseObject({
  taskType: textField,
  status: textField,
  errCode: numericField,
  errCodeExt: textField,
  message: textField,
  finishTime: timeField,
});

// eventType ProcedureStateChanged, 2017 format (vod-reference §2.3, example §9.6). The task-flow id is
// data.vodTaskId (procedureTaskId is read too). data.status is a string here, unlike the other legacy events.
// Compiled (z.compile): parse-event.ts says why.
export const procedureStateChangedLegacySchema = z.compile(
  legacyEnvelopeSchema.extend({
    data: z.looseObject({
      vodTaskId: textField,
      procedureTaskId: textField,
      status: z.string().min(1),
      errCode: numericField,
      message: textField,
      fileId: fileIdField,
      fileName: textField,
      fileUrl: textField,
      metaData: mediaMetaDataLegacySchema.nullish(),
      processTaskList: z.array(processTaskLegacySchema).nullish(),
    }),
  }),
);

export type ProcedureStateChangedLegacy = z.output<typeof procedureStateChangedLegacySchema>;
