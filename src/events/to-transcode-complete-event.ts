// TranscodeComplete, the 2017 API's transcode result (2017 format: data {status, message, vodTaskId, fileId,
// fileName, duration, coverUrl, playSet[]}; current format: TranscodeCompleteEvent, SDK model TranscodeTask2017;
// docs/vod-events.md §11.5). It is sent once, when every definition is done, so it is read as a finished task
// (kind "procedure", status FINISH, task kind "Transcode"): failed when its status / ErrCode is non-zero (e.g.
// -43001) — then the upload ends FAILED with that code and message, by the status rule's "later result wins".
// An absent status/ErrCode counts as success (the success example sends 0; the failure one always sends its code).
// Its task id names the result the upload keeps (procedureTaskId), as a task flow's does.
import { readNumber } from "./fields/read-number.js";
import { readText } from "./fields/read-text.js";
import { isPlainObject } from "./is-plain-object.js";
import { toVodOutput, urlOutput } from "./outputs/to-vod-output.js";
import { summariseProcedure } from "./summarise-procedure.js";
import { toMediaFields } from "./to-media-fields.js";
import { toMetadata } from "./to-metadata.js";
import { toVodTask } from "./to-vod-task.js";
import type { EventFormat, ProcedureEvent } from "./vod-event.js";
import type { VodOutput } from "./vod-output.js";

export interface TranscodeComplete {
  eventType: string;
  format: EventFormat;
  fileId: string;
  taskId: unknown;
  errCode: number | null;
  message: unknown;
  fileName: unknown;
  duration: unknown;
  coverUrl: unknown;
  subAppId: string | null;
  /** [{Url, Definition, Bitrate, Height, Width}], restated from the 2017 names where needed. */
  playSet: Array<Record<string, unknown>>;
}

export function toTranscodeCompleteEvent(event: TranscodeComplete): ProcedureEvent {
  const taskId = readText(event.taskId);
  const message = readText(event.message);
  const failed = event.errCode !== null && event.errCode !== 0;
  const subtasks = [
    {
      type: "Transcode",
      status: failed ? "FAIL" : "SUCCESS",
      errCode: event.errCode,
      errCodeExt: null,
      message,
      beganAt: null,
      finishedAt: null,
    },
  ];
  const summary = summariseProcedure("FINISH", event.errCode, subtasks);
  const coverUrl = readText(event.coverUrl);
  const source = { inputDefinition: null, taskId, subtask: "Transcode", finishedAt: null };
  const outputs: VodOutput[] = failed
    ? []
    : event.playSet.map((play) => toVodOutput("MediaTranscodeItem", play, source));
  if (!failed && coverUrl !== null) outputs.push(urlOutput("cover", 0, coverUrl, source));
  return {
    kind: "procedure",
    eventType: event.eventType,
    format: event.format,
    fileId: event.fileId,
    procedureTaskId: taskId,
    procedureStatus: "FINISH",
    errCode: event.errCode,
    message,
    ...summary,
    media: toMediaFields({
      name: readText(event.fileName),
      coverUrl,
      subAppId: event.subAppId,
      metadata: toMetadata({ duration: finite(readNumber(event.duration)) }),
    }),
    outputs,
    task:
      taskId === null
        ? null
        : toVodTask({ taskId, kind: "Transcode", status: "FINISH", failed, errCode: event.errCode, message, subtasks }),
  };
}

/** The play list's objects, in the current format's names: 2017 items say url, definition, vbitrate, vheight, vwidth. */
export function toPlaySet(list: unknown, legacy: boolean): Array<Record<string, unknown>> {
  if (!Array.isArray(list)) return [];
  return list.filter(isPlainObject).map((play) =>
    legacy
      ? {
          Url: play["url"],
          Definition: play["definition"],
          Bitrate: play["vbitrate"],
          Height: play["vheight"],
          Width: play["vwidth"],
        }
      : play,
  );
}

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
