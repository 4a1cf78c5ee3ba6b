// The outputs and the task an event reports, made ready for the patch of its own file (issue 14): outputs that cannot
// be stored are counted, not kept (select-storable-outputs.ts), and times and codes the columns cannot hold are null.
import { storableDate } from "../events/fields/storable-date.js";
import { storableInt } from "../events/fields/storable-int.js";
import { selectStorableOutputs, type FileOutput } from "../events/outputs/select-storable-outputs.js";
import type { EventExtras } from "../events/vod-event.js";
import type { VodTask } from "../events/vod-output.js";

export interface PatchExtras {
  outputs: FileOutput[];
  tasks: Array<VodTask & { fileId: string }>;
  skippedOutputs: number;
}

export function patchExtras(event: EventExtras, fileId: string): PatchExtras {
  // NewFileUpload, the hot path, has neither: no allocation for it.
  if (!event.outputs?.length && !event.task) return NO_EXTRAS;
  const selected = selectStorableOutputs(event.outputs ?? [], fileId);
  const task = event.task;
  return {
    outputs: selected.outputs,
    tasks: task
      ? [
          {
            ...task,
            fileId,
            errCode: storableInt(task.errCode),
            beganAt: storableDate(task.beganAt),
            finishedAt: storableDate(task.finishedAt),
            subtasks: task.subtasks.map((subtask) => ({
              ...subtask,
              errCode: storableInt(subtask.errCode),
              beganAt: storableDate(subtask.beganAt),
              finishedAt: storableDate(subtask.finishedAt),
            })),
          },
        ]
      : [],
    skippedOutputs: selected.skipped,
  };
}

const NO_EXTRAS: PatchExtras = { outputs: [], tasks: [], skippedOutputs: 0 };
