// ModifyEventConfig (vod-reference §5): only the fields present change; NotificationUrl "" clears the URL;
// SignKey is letters and digits, at most 32 ("" removes it).
import { z } from "zod";
import { eventConfigOf, type EventConfig } from "../../emulator-state.js";
import type { ActionHandler } from "../action-context.js";
import { readParams } from "../read-params.js";
import { subAppIdOf, subAppIdParam } from "../sub-app-id.js";

const eventSwitch = z.enum(["ON", "OFF"]).optional();

const modifyEventConfigParams = z.strictObject({
  SubAppId: subAppIdParam,
  Mode: z.enum(["PUSH", "PULL"]).optional(),
  NotificationUrl: z
    .string()
    .max(512)
    .refine((url) => url === "" || /^https?:\/\/[^\s]+$/.test(url), "must be an http(s) URL")
    .optional(),
  UploadMediaCompleteEventSwitch: eventSwitch,
  DeleteMediaCompleteEventSwitch: eventSwitch,
  PersistenceCompleteEventSwitch: eventSwitch,
  SignKey: z
    .string()
    .regex(/^[A-Za-z0-9]{0,32}$/, "letters and digits, at most 32")
    .optional(),
});

export const modifyEventConfig: ActionHandler = (body, { state }) => {
  const params = readParams(modifyEventConfigParams, body);
  const config = eventConfigOf(state, subAppIdOf(params.SubAppId, state.appId));
  const changes: Partial<EventConfig> = {
    mode: params.Mode,
    notificationUrl: params.NotificationUrl,
    uploadMediaCompleteEventSwitch: params.UploadMediaCompleteEventSwitch,
    deleteMediaCompleteEventSwitch: params.DeleteMediaCompleteEventSwitch,
    persistenceCompleteEventSwitch: params.PersistenceCompleteEventSwitch,
    signKey: params.SignKey,
  };
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(config, { [name]: value });
  }
  return {};
};
