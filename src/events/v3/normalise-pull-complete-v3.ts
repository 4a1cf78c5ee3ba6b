// EventType PullComplete (SDK EventContent.PullCompleteEvent, a PullUploadTask; Tencent's page:
// https://www.tencentcloud.com/document/product/266/33951): read by read-pull-complete.ts.
import type { ExactDigits } from "../exact-integers.js";
import { isPlainObject } from "../is-plain-object.js";
import type { Parsed } from "../parse-event.js";
import { readPullComplete } from "../read-pull-complete.js";
import type { VodEvent } from "../vod-event.js";

export function normalisePullCompleteV3(body: Record<string, unknown>, exact: ExactDigits): Parsed<VodEvent> {
  const task = body["PullCompleteEvent"];
  if (!isPlainObject(task)) {
    const issue = { path: ["PullCompleteEvent"], code: "invalid_type", message: "PullCompleteEvent must be an object" };
    return { ok: false, issues: [issue] };
  }
  return readPullComplete(task, { eventType: "PullComplete", format: "v3", member: "PullCompleteEvent", body, exact });
}
