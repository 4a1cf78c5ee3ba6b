// Reconcile's rule for a pull upload (DESIGN §7): a pull task VOD reports FINISH, whose PullComplete we never
// applied (the upload is still PENDING), becomes the PullComplete VOD would have sent — {EventType: "PullComplete",
// PullCompleteEvent: PullUploadTask}, the SDK's EventContent member — written from DescribeTaskDetail's
// PullUploadTask, with its null members left out as in a callback ("fields with null values are omitted":
// https://www.tencentcloud.com/document/product/266/33951). A PROCESSING task has nothing to report yet. Like
// repair-events.ts, the body carries a top-level "Reconcile" member and no time, so it is never a real callback's
// dedupe key and a repeated reconcile stores it once.
import type { VodPullTask } from "./find-pull-task.js";

export interface PullCompleteBody {
  EventType: "PullComplete";
  PullCompleteEvent: Record<string, unknown>;
  Reconcile: { from: "DescribeTaskDetail" };
}

export function pullCompleteRepair(task: VodPullTask): PullCompleteBody | null {
  if (task.Status !== "FINISH") return null;
  const event = Object.fromEntries(Object.entries(task).filter(([, value]) => value !== null && value !== undefined));
  return { EventType: "PullComplete", PullCompleteEvent: event, Reconcile: { from: "DescribeTaskDetail" } };
}
