// ReviewAudioVideoComplete in both formats. v3: {EventType, ReviewAudioVideoCompleteEvent: ReviewAudioVideoTask}
// (https://www.tencentcloud.com/document/product/266/50677). The 2017 format has no such event; its porn check
// reported `PorncheckComplete` {status, message, vodTaskId, fileId, pornImgUrl[{pic_time, pic_url}]} (archived
// page tencentyun/qcloud-documents `…/0-存档旧文档（含弃用文档）/任务管理与事件通知/事件通知/视频鉴黄完成.md`, a draft
// marked TODO that carries no verdict: a non-empty pornImgUrl is the only sign). The emulator sends that in the
// legacy format, listing the segment snapshots of a Porn verdict that did not pass, and none otherwise.
import type { MediaRecord, ReviewTaskRecord } from "../emulator-state.js";
import type { VodEventDraft } from "../events/event-dispatcher.js";
import { checkOf, PASS_VERDICT } from "./review-verdict.js";
import { reviewAudioVideoTask } from "./review-audio-video-task.js";
import { reviewSegments } from "./review-segments.js";

export function reviewAudioVideoCompleteEvent(task: ReviewTaskRecord, media: MediaRecord): VodEventDraft {
  const verdict = task.verdict ?? PASS_VERDICT;
  const porn = verdict.suggestion !== "pass" && checkOf(verdict) === "Porn";
  const pictures = porn ? reviewSegments(media, verdict, task.finishAt).SegmentSet : [];
  return {
    subAppId: task.subAppId,
    eventType: "ReviewAudioVideoComplete",
    v3: {
      EventType: "ReviewAudioVideoComplete",
      ReviewAudioVideoCompleteEvent: reviewAudioVideoTask(task, media, task.finishAt),
    },
    legacy: {
      version: "4.0",
      eventType: "PorncheckComplete",
      data: {
        status: 0,
        message: "",
        vodTaskId: task.taskId,
        fileId: media.fileId,
        pornImgUrl: pictures.map((segment) => ({
          pic_time: clock(segment.StartTimeOffset as number),
          pic_url: segment.Url,
        })),
      },
    },
  };
}

/** "HH:MM:SS", as the page writes pic_time. */
function clock(seconds: number): string {
  const parts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return parts.map((part) => String(part).padStart(2, "0")).join(":");
}
