// The verdict of a task flow's content review: `AiContentReviewResultSet` of a ProcedureStateChanged's
// `ProcedureStateChangeEvent` (SDK ProcedureTask; VOD's content-review guide shows one with Porn/block at 98:
// test/fixtures/SOURCES.md). Each item (AiContentReviewResult) has a Type (Porn, Terrorism, Political, Porn.Asr,
// Porn.Ocr, Political.Asr, Political.Ocr, Terrorism.Ocr, Prohibited.Asr, Prohibited.Ocr) and one member holding
// its subtask (PornTask, PornAsrTask, …). As with media results (§11.1) the member is keyed, not the Type: the
// first object member whose name ends in "Task" is the subtask, its siblings null. The SDK documents no Form for
// these checks; the Type names it (the plain types review the picture: Image; .Asr and .Ocr the speech and text).
// An empty or absent set is no review (null). The subtasks carry no time: finishedAt is the task flow's, which the
// caller has (the latest subtask FinishTime of its MediaProcessResultSet, summarise-procedure.ts).
import { isPlainObject } from "../is-plain-object.js";
import { readReviewCheck, type ReadReviewCheck } from "./read-review-check.js";
import { readReviewText } from "./read-review-text.js";
import { toVodReview } from "./to-vod-review.js";
import type { VodReview } from "./vod-review.js";

export function readAiContentReview(procedure: unknown, finishedAt: Date | null = null): VodReview | null {
  if (!isPlainObject(procedure) || !Array.isArray(procedure["AiContentReviewResultSet"])) return null;
  const checks: ReadReviewCheck[] = [];
  for (const item of procedure["AiContentReviewResultSet"]) {
    if (!isPlainObject(item)) continue;
    const name = Object.keys(item).find((key) => key.endsWith("Task") && isPlainObject(item[key]));
    if (name === undefined) continue;
    const subtask = item[name] as Record<string, unknown>;
    const type = readReviewText(item["Type"]) ?? name.slice(0, -"Task".length);
    checks.push(
      readReviewCheck({
        type,
        status: subtask["Status"],
        errCode: subtask["ErrCode"],
        errCodeExt: subtask["ErrCodeExt"],
        output: subtask["Output"],
        style: "Pascal",
        form: formOf(type),
      }),
    );
  }
  return toVodReview(checks, { taskId: readReviewText(procedure["TaskId"]), finishedAt });
}

function formOf(type: string): string {
  const kind = /\.(asr|ocr)$/i.exec(type)?.[1];
  return kind === undefined ? "Image" : kind.toUpperCase();
}
