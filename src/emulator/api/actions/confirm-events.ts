// ConfirmEvents (vod-reference §4): at most 16 handles. A handle that is unknown, already confirmed or past its
// 30-second window fails the call with InvalidParameterValue — VOD documents "超出 30 秒会报参数错误" (Go SDK
// comment on ConfirmEvents). The valid handles of the same call are confirmed all the same.
import { z } from "zod";
import { queueOf } from "../../emulator-state.js";
import { MAX_EVENTS_PER_PULL } from "../../events/event-queue.js";
import { ApiError } from "../api-error.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const confirmEventsParams = z.strictObject({
  EventHandles: z.array(z.string()).min(1).max(MAX_EVENTS_PER_PULL),
  ExtInfo: z.string().optional(),
  SubAppId: subAppIdParam,
});

export const confirmEvents: ActionHandler = (body, { state }) => {
  const params = readParams(confirmEventsParams, body);
  const queue = queueOf(state, subAppIdOf(params.SubAppId, state.appId));
  const invalid = params.EventHandles.filter((handle) => !queue.confirm(handle));
  if (invalid.length > 0) {
    throw new ApiError("InvalidParameterValue", `EventHandle invalid or expired: ${invalid.join(", ")}.`);
  }
  return {};
};
