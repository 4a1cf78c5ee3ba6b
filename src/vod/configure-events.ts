// `vod-tracker configure-events`: ModifyEventConfig (mode, callback URL, event switches, SignKey) and
// DescribeEventConfig (vod-reference.md §5). DescribeEventConfig never returns the SignKey.
import { z } from "zod";
import { callVod } from "./call-vod.js";
import type { VodClient } from "./client.js";

const onOff = z.enum(["ON", "OFF"]);

export const eventConfigChangeSchema = z.object({
  mode: z.enum(["PUSH", "PULL"]).optional(),
  notificationUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal("")]).optional(),
  uploadEvents: onOff.optional(),
  deleteEvents: onOff.optional(),
  persistenceEvents: onOff.optional(),
  signKey: z
    .string()
    .regex(/^[A-Za-z0-9]{1,32}$/, "letters and digits, at most 32")
    .optional(),
});

export type EventConfigChange = z.infer<typeof eventConfigChangeSchema>;

export async function modifyEventConfig(
  client: VodClient,
  change: EventConfigChange,
  subAppId?: number,
): Promise<void> {
  await callVod(
    "ModifyEventConfig",
    () =>
      client.ModifyEventConfig({
        ...(subAppId ? { SubAppId: subAppId } : {}),
        ...(change.mode ? { Mode: change.mode } : {}),
        ...(change.notificationUrl !== undefined ? { NotificationUrl: change.notificationUrl } : {}),
        ...(change.uploadEvents ? { UploadMediaCompleteEventSwitch: change.uploadEvents } : {}),
        ...(change.deleteEvents ? { DeleteMediaCompleteEventSwitch: change.deleteEvents } : {}),
        ...(change.persistenceEvents ? { PersistenceCompleteEventSwitch: change.persistenceEvents } : {}),
        ...(change.signKey ? { SignKey: change.signKey } : {}),
      }),
    { idempotent: true },
  ); // it sets values: a second call sets the same ones
}

export async function describeEventConfig(client: VodClient, subAppId?: number) {
  const response = await callVod(
    "DescribeEventConfig",
    () => client.DescribeEventConfig(subAppId ? { SubAppId: subAppId } : {}),
    { idempotent: true },
  );
  return {
    mode: response.Mode ?? null,
    notificationUrl: response.NotificationUrl ?? null,
    uploadEvents: response.UploadMediaCompleteEventSwitch ?? null,
    deleteEvents: response.DeleteMediaCompleteEventSwitch ?? null,
    persistenceEvents: response.PersistenceCompleteEventSwitch ?? null,
  };
}
