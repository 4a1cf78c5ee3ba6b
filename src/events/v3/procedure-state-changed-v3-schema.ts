import { z } from "zod";
import { isPlainObject } from "../is-plain-object.js";
import { fileIdField } from "../fields/file-id-field.js";
import { numericField } from "../fields/numeric-field.js";
import { textField } from "../fields/text-field.js";
import { timeField } from "../fields/time-field.js";
import { mediaMetaDataV3Schema } from "./media-meta-data-v3-schema.js";
import { v3EnvelopeSchema } from "./v3-envelope-schema.js";

// Compiled too (z.compile: parse-event.ts says why): the transform below runs it once per subtask, six a result.
const subtaskV3Schema = z.compile(
  z.looseObject({
    Status: textField,
    ErrCode: numericField,
    ErrCodeExt: textField,
    Message: textField,
    FinishTime: timeField,
  }),
);

// A MediaProcessResultSet element holds its subtask in a member named after its Type (TranscodeTask,
// CoverBySnapshotTask, but AnimatedGraphicTask for "AnimatedGraphics"), and VOD adds types: every object-valued
// member ending in "Task" is read as a subtask instead of trusting a fixed list (vod-reference §1.7).
// A for-in over own keys and the parse's own fresh output given Type and Member: no entries array and no copy per
// element (issue 14: this transform was ~15 µs of a six-output ProcedureStateChanged).
const mediaProcessResultV3Schema = z.looseObject({ Type: textField }).transform((element, ctx) => {
  const subtasks: Array<z.output<typeof subtaskV3Schema> & { Type: string; Member: string }> = [];
  for (const member in element) {
    if (!Object.hasOwn(element, member) || !member.endsWith("Task")) continue;
    const value = element[member];
    if (!isPlainObject(value)) continue;
    const parsed = subtaskV3Schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [member, ...issue.path] });
      continue;
    }
    // Member kept beside Type: outputs are read by member (Type "ImageSprites" holds an ImageSpriteTask).
    subtasks.push(
      Object.assign(parsed.data, { Type: element.Type ?? member.slice(0, -"Task".length), Member: member }),
    );
  }
  return subtasks;
});

// EventType ProcedureStateChanged (vod-reference §1.6, examples §9.2, §9.3). Status is required: without it the
// event says nothing about the task flow.
// Compiled (z.compile): parse-event.ts says why.
export const procedureStateChangedV3Schema = z.compile(
  v3EnvelopeSchema.extend({
    ProcedureStateChangeEvent: z.looseObject({
      TaskId: textField,
      Status: z.string().min(1),
      ErrCode: numericField,
      Message: textField,
      FileId: fileIdField,
      FileName: textField,
      FileUrl: textField,
      MetaData: mediaMetaDataV3Schema.nullish(),
      MediaProcessResultSet: z.array(mediaProcessResultV3Schema).nullish(),
    }),
  }),
);

export type ProcedureStateChangedV3 = z.output<typeof procedureStateChangedV3Schema>;
