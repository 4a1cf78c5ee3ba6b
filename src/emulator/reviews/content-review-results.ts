// The content checks of a review procedure in both formats, one result per check (Porn, Terrorism, Political):
// the check the verdict concerns (checkOf) carries it, the others pass.
// - v3: ProcedureTask.AiContentReviewResultSet[] (SDK AiContentReviewResult: Type and one `<Type>Task` member each,
//   AiReviewTaskPornResult & co: Status SUCCESS, ErrCodeExt, ErrCode, Message, Input {Definition}, Output
//   {Confidence, Suggestion, Label, SegmentSet, SegmentSetFileUrl, SegmentSetFileUrlExpireTime}, Progress); the
//   members of the other Types are null, as VOD sends unused members.
// - 2017: data.contentReviewList[] {taskType, status, errCode, message, input {definition}, output {confidence,
//   suggestion, label, segments[]}} (vod-reference §2.3; read by Tencent's short-video demo server,
//   tencentyun/vod-xiaoshipin-server routes/taskcbHandlers.js at d00362e: `review.taskType == "Porn" &&
//   review.status == "SUCCESS"`, `review.output.suggestion`). Only taskType "Porn" is attested there; "Terrorism" and
//   "Political" follow the v3 Type names [INFERRED].
import type { MediaRecord, ReviewVerdict } from "../emulator-state.js";
import { checkOf, PASS_VERDICT, REVIEW_CHECKS, type ReviewCheck } from "./review-verdict.js";
import { reviewSegments } from "./review-segments.js";

const TEMPLATE = 10;
const TASK_MEMBERS = [
  "PornTask",
  "TerrorismTask",
  "PoliticalTask",
  "PornAsrTask",
  "PornOcrTask",
  "PoliticalAsrTask",
  "PoliticalOcrTask",
  "TerrorismOcrTask",
  "ProhibitedOcrTask",
  "ProhibitedAsrTask",
];

function verdictOfCheck(verdict: ReviewVerdict, check: ReviewCheck): ReviewVerdict {
  return checkOf(verdict) === check ? verdict : PASS_VERDICT;
}

export function aiContentReviewResultSet(media: MediaRecord, verdict: ReviewVerdict, at: number): unknown[] {
  return REVIEW_CHECKS.map((check) => {
    const own = verdictOfCheck(verdict, check);
    const result = {
      Status: "SUCCESS",
      ErrCodeExt: "",
      ErrCode: 0,
      Message: "",
      Input: { Definition: TEMPLATE },
      Output: {
        Confidence: own.confidence,
        Suggestion: own.suggestion,
        Label: own.label,
        ...reviewSegments(media, own, at),
      },
      Progress: 100,
    };
    const members = Object.fromEntries(TASK_MEMBERS.map((member) => [member, null]));
    return { Type: check, ...members, [`${check}Task`]: result };
  });
}

export function legacyContentReviewList(media: MediaRecord, verdict: ReviewVerdict, at: number): unknown[] {
  return REVIEW_CHECKS.map((check) => {
    const own = verdictOfCheck(verdict, check);
    const { SegmentSet, SegmentSetFileUrl, SegmentSetFileUrlExpireTime } = reviewSegments(media, own, at);
    return {
      taskType: check,
      status: "SUCCESS",
      errCode: 0,
      message: "",
      input: { definition: TEMPLATE },
      output: {
        confidence: own.confidence,
        suggestion: own.suggestion,
        label: own.label,
        segments: SegmentSet.map((segment) => ({
          startTimeOffset: segment.StartTimeOffset,
          endTimeOffset: segment.EndTimeOffset,
          confidence: segment.Confidence,
          suggestion: segment.Suggestion,
          label: segment.Label,
          url: segment.Url,
          picUrlExpireTime: segment.PicUrlExpireTime,
        })),
        ...(SegmentSetFileUrl ? { segmentsFileUrl: SegmentSetFileUrl } : {}),
        ...(SegmentSetFileUrlExpireTime ? { segmentsFileUrlExpireTime: SegmentSetFileUrlExpireTime } : {}),
      },
    };
  });
}
