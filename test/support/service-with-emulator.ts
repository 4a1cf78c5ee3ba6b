// Our app on a loopback port, on its own database, next to a VOD emulator that pushes its events to it — the
// setup of every end-to-end test of the VOD side.
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/start-emulator.js";
import { createVodClient, type VodClient } from "../../src/vod/client.js";
import { listenApp } from "./listen-app.js";
import { startTestApp, type TestApp } from "./test-app.js";

export interface ServiceWithEmulator {
  t: TestApp;
  service: { url: string; close(): Promise<void> };
  emulator: EmulatorHandle;
  vod: VodClient;
  close(): Promise<void>;
}

export async function startServiceWithEmulator(
  credentials: { secretId: string; secretKey: string },
  emulatorOptions: Partial<EmulatorOptions> = {},
  appOptions: { signKey?: string; vodCredentials?: boolean } = {},
): Promise<ServiceWithEmulator> {
  const emulator = await startEmulator({
    port: 0,
    ...credentials,
    procedureDelayMs: 30,
    pushRetryDelaysMs: [50],
    ...emulatorOptions,
  });
  const vod = createVodClient({ ...credentials, region: "ap-guangzhou", endpoint: emulator.url });
  const t = await startTestApp({
    vod,
    signKey: appOptions.signKey,
    ...(appOptions.vodCredentials ? { vodCredentials: credentials } : {}),
  });
  const service = await listenApp(t.app);
  await vod.ModifyEventConfig({
    Mode: "PUSH",
    NotificationUrl: `${service.url}${t.callbackPath}`,
    UploadMediaCompleteEventSwitch: "ON",
    DeleteMediaCompleteEventSwitch: "ON",
    ...(appOptions.signKey ? { SignKey: appOptions.signKey } : {}),
  });
  return {
    t,
    service,
    emulator,
    vod,
    async close() {
      await emulator.close();
      await service.close();
      await t.close();
    },
  };
}
