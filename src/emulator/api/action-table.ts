// The actions the emulator implements; any other X-TC-Action is InvalidAction.
import type { ActionHandler } from "./action-context.js";
import { applyUpload } from "./actions/apply-upload.js";
import { commitUpload } from "./actions/commit-upload.js";
import { confirmEvents } from "./actions/confirm-events.js";
import { deleteMedia } from "./actions/delete-media.js";
import { describeEventConfig } from "./actions/describe-event-config.js";
import { describeMediaInfos } from "./actions/describe-media-infos.js";
import { describeTaskDetail } from "./actions/describe-task-detail.js";
import { describeTasks } from "./actions/describe-tasks.js";
import { modifyEventConfig } from "./actions/modify-event-config.js";
import { pullEvents } from "./actions/pull-events.js";
import { pullUpload } from "./actions/pull-upload.js";

export const actionTable: ReadonlyMap<string, ActionHandler> = new Map([
  ["ApplyUpload", applyUpload],
  ["CommitUpload", commitUpload],
  ["DescribeMediaInfos", describeMediaInfos],
  ["DescribeTaskDetail", describeTaskDetail],
  ["DescribeTasks", describeTasks],
  ["DeleteMedia", deleteMedia],
  ["PullUpload", pullUpload],
  ["PullEvents", pullEvents],
  ["ConfirmEvents", confirmEvents],
  ["ModifyEventConfig", modifyEventConfig],
  ["DescribeEventConfig", describeEventConfig],
]);
