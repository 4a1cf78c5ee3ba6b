// ProcedureStateChanged at the end of a procedure (TasksNotifyMode "Finish": one event). v3 body = ProcedureTask
// (vod-reference §1.6, §9.2-9.3); legacy body after §2.3 / §9.6 (camelCase, processTaskList, legacy template 20).
import type { MediaRecord, ProcedureTaskRecord } from "../emulator-state.js";
import type { VodEventDraft } from "./event-dispatcher.js";
import { procedureTask } from "./procedure-task.js";
import { mediaDirectory } from "./transcode-item.js";

export function procedureStateChangedEvent(task: ProcedureTaskRecord, media: MediaRecord): VodEventDraft {
  const failed = task.outcome === "failure";
  const legacyMetaData = {
    size: media.size,
    container: media.type,
    bitrate: 0,
    height: 0,
    width: 0,
    md5: "",
    duration: 0,
    rotate: 0,
    videoStreamList: [],
    audioStreamList: [],
  };
  const legacyOutput = {
    url: `${mediaDirectory(media)}/f0.f20.mp4`,
    size: media.size,
    container: "m4a",
    md5: "",
    bitrate: 0,
    height: 0,
    width: 0,
    duration: 0,
    videoStreamList: [],
    audioStreamList: [],
  };
  return {
    subAppId: task.subAppId,
    eventType: "ProcedureStateChanged",
    v3: { EventType: "ProcedureStateChanged", ProcedureStateChangeEvent: procedureTask(task, media, task.finishAt) },
    legacy: {
      version: "4.0",
      eventType: "ProcedureStateChanged",
      data: {
        vodTaskId: task.taskId,
        status: "FINISH",
        errCode: 0,
        message: "",
        fileId: media.fileId,
        metaData: legacyMetaData,
        contentReviewList: [],
        aIAnalysisList: [],
        processTaskList: [
          {
            taskType: "Transcode",
            status: failed ? "FAIL" : "SUCCESS",
            errCode: failed ? 30009 : 0,
            message: failed ? "Source file error" : "",
            input: { definition: 20, watermark: 0 },
            output: failed ? {} : legacyOutput,
          },
        ],
      },
    },
  };
}
