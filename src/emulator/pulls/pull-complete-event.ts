// PullComplete in both formats.
// v3: {EventType, PullCompleteEvent: PullUploadTask} with null members left out, as Tencent's page says it sends
// them ("fields with null values are omitted": https://www.tencentcloud.com/document/product/266/33951).
// 2017: the archived page (tencentyun/qcloud-documents `…/0-存档旧文档（含弃用文档）/任务管理与事件通知/事件通知/
// URL 拉取视频上传完成.md`): data {status (the error code, 0 = success), message, vodTaskId, fileId, fileUrl,
// transcodeTaskId}. Its vodTaskId is "Pull-f5ac8127b3b6b85cdc13f237c6005d8" where the v3 page's TaskId is
// "125676836723-Pull-f5ac8127b3b6b85cdc13f237c6005d8": the same task without the AppId prefix, which the emulator
// reproduces — a receiver matching the two formats must compare from "Pull-" on.
import type { MediaRecord, PullTaskRecord } from "../emulator-state.js";
import type { VodEventDraft } from "../events/event-dispatcher.js";
import { pullUploadTask } from "./pull-upload-task.js";

export function pullCompleteEvent(task: PullTaskRecord, media: MediaRecord | undefined): VodEventDraft {
  const view = Object.fromEntries(Object.entries(pullUploadTask(task, media)).filter(([, value]) => value !== null));
  return {
    subAppId: task.subAppId,
    eventType: "PullComplete",
    v3: { EventType: "PullComplete", PullCompleteEvent: view },
    legacy: {
      version: "4.0",
      eventType: "PullComplete",
      data: {
        status: task.errCode,
        message: task.message,
        vodTaskId: legacyTaskId(task.taskId),
        fileId: media?.fileId ?? "",
        fileUrl: media?.mediaUrl ?? "",
        transcodeTaskId: "",
      },
    },
  };
}

export function legacyTaskId(taskId: string): string {
  const at = taskId.indexOf("Pull-");
  return at > 0 ? taskId.slice(at) : taskId;
}
