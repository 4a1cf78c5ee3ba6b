// DescribeEventConfig (vod-reference §5). SignKey is deliberately absent: VOD never returns it.
import { z } from "zod";
import { eventConfigOf } from "../../emulator-state.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const describeEventConfigParams = z.strictObject({ SubAppId: subAppIdParam });

export const describeEventConfig: ActionHandler = (body, { state }) => {
  const params = readParams(describeEventConfigParams, body);
  const config = eventConfigOf(state, subAppIdOf(params.SubAppId, state.appId));
  return {
    Mode: config.mode,
    NotificationUrl: config.notificationUrl,
    UploadMediaCompleteEventSwitch: config.uploadMediaCompleteEventSwitch,
    DeleteMediaCompleteEventSwitch: config.deleteMediaCompleteEventSwitch,
    PersistenceCompleteEventSwitch: config.persistenceCompleteEventSwitch,
  };
};
