// PullEvents (vod-reference §4): long poll on the application's queue. Answers at once when events are waiting,
// else holds up to settings.pullHoldMs and answers `EventSet: []` — the emulator's choice for VOD's undocumented
// empty answer. Each event is the v3 push body plus its EventHandle.
import { z } from "zod";
import { queueOf } from "../../emulator-state.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const pullEventsParams = z.strictObject({ ExtInfo: z.string().optional(), SubAppId: subAppIdParam });

export const pullEvents: ActionHandler = async (body, { state }) => {
  const params = readParams(pullEventsParams, body);
  const queue = queueOf(state, subAppIdOf(params.SubAppId, state.appId));
  const pulled = await queue.pull(state.settings.pullHoldMs, state.settings.redeliveryMs);
  return { EventSet: pulled.map(({ handle, body: event }) => ({ EventHandle: handle, ...event })) };
};
