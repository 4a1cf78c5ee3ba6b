// ProcedureStateChanged at the end of a procedure (TasksNotifyMode "Finish": one event). v3 body = ProcedureTask
// (procedure-task.ts); legacy body after the archived 2017 page (camelCase, vodTaskId, processTaskList with the
// same outputs under 2017 template numbers: legacy-process-task-list.ts). A review procedure's content checks go
// to AiContentReviewResultSet / contentReviewList (reviews/content-review-results.ts).
import type { MediaRecord, ProcedureTaskRecord, ReviewVerdict } from "../emulator-state.js";
import { legacyContentReviewList } from "../reviews/content-review-results.js";
import type { VodEventDraft } from "./event-dispatcher.js";
import { legacyProcessTaskList } from "./legacy-process-task-list.js";
import { procedureTask } from "./procedure-task.js";

export function procedureStateChangedEvent(
  task: ProcedureTaskRecord,
  media: MediaRecord,
  review?: ReviewVerdict,
): VodEventDraft {
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
  return {
    subAppId: task.subAppId,
    eventType: "ProcedureStateChanged",
    v3: {
      EventType: "ProcedureStateChanged",
      ProcedureStateChangeEvent: procedureTask(task, media, task.finishAt, review),
    },
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
        contentReviewList: task.reviewTaskId && review ? legacyContentReviewList(media, review, task.finishAt) : [],
        aIAnalysisList: [],
        processTaskList: legacyProcessTaskList(task, media),
      },
    },
  };
}
